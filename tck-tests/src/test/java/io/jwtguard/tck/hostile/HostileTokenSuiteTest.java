package io.jwtguard.tck.hostile;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.hostile.app.HostileApp;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.testng.annotations.Test;

/**
 * The hostile-token suite over real HTTP against a small app in the embedded container, JWT Guard
 * in its default {@code hardened} profile, trusting one key of every family and an HMAC secret.
 * Every hostile token must be refused with its expected status and {@code error}; every
 * legitimate token (one per supported algorithm) must be accepted, so a runtime that refuses
 * everything fails too. DPoP is {@code allowed} (bearer tokens without {@code cnf} are answered as
 * before), with RFC 9457 problem bodies, so that each DPoP case ({@link DPoPCases}) is checked for its
 * exact reason code, and the legitimate DPoP requests must pass.
 */
@RunAsClient
public class HostileTokenSuiteTest extends Arquillian {
    static final String ISSUER = "https://issuer.hostile.test";
    static final String AUDIENCE = "hostile-suite";
    static final int MAX_SIZE = 4096;
    static final int MAX_PROOF_SIZE = 2048;
    static final SigningKeys KEYS = SigningKeys.generate();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        String config = String.join("\n",
                "mp.jwt.verify.publickey=" + KEYS.publicJwks(),
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "mp.jwt.verify.token.age=600",
                "jwtguard.algorithms=" + String.join(",", HostileCases.ALGORITHMS),
                "jwtguard.hmac.secret=base64url:"
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(KEYS.hmacSecret().orElseThrow()),
                "jwtguard.token.max-size=" + MAX_SIZE,
                "jwtguard.realm=hostile",
                // DPoP beside bearer tokens: the bearer cases' answers do not change
                "jwtguard.dpop.mode=allowed",
                "jwtguard.dpop.proof.max-size=" + MAX_PROOF_SIZE,
                // the problem body carries the reason code the DPoP cases check; status and headers are unchanged
                "jwtguard.error-body=problem");
        return Wars.war("hostile", config).addPackage(HostileApp.class.getPackage());
    }

    @Test
    public void everyHostileTokenIsRejectedAndEveryLegitimateTokenAccepted() throws Exception {
        List<HostileCase> cases = new HostileCases(KEYS, ISSUER, AUDIENCE, "user", MAX_SIZE, Clock.systemUTC()).all();
        HostileSuiteRunner runner = new HostileSuiteRunner(URI.create(base.toExternalForm() + "api/protected"));
        List<HostileSuiteRunner.Outcome> outcomes = new ArrayList<>(runner.run(cases));
        // built after the bearer cases ran, so that their proofs are fresh
        List<HostileCase> dpop = new DPoPCases(new HostileCases(KEYS, ISSUER, AUDIENCE, "user", MAX_SIZE,
                Clock.systemUTC()), runner.target(), MAX_PROOF_SIZE).all();
        outcomes.addAll(runner.run(dpop));
        HostileSuiteRunner.print(outcomes, System.out);

        Set<String> legitimate = outcomes.stream().filter(o -> o.testCase().legitimate())
                .filter(HostileSuiteRunner.Outcome::accepted).map(o -> o.testCase().name()).collect(Collectors.toSet());
        Set<String> expectedLegitimate = new HashSet<>(HostileCases.ALGORITHMS);
        dpop.stream().filter(HostileCase::legitimate).map(HostileCase::name).forEach(expectedLegitimate::add);
        assertEquals(legitimate, expectedLegitimate, "legitimate tokens accepted");
        assertTrue(dpop.stream().filter(c -> !c.legitimate()).allMatch(c -> c.expectedReason() != null),
                "every DPoP attack names its reason code");
        List<String> unexpected = outcomes.stream().filter(o -> !o.asExpected()).map(Object::toString)
                .collect(Collectors.toList());
        assertTrue(unexpected.isEmpty(), "unexpected answers: " + unexpected);
        Set<String> classes = outcomes.stream().map(o -> o.testCase().attackClass()).collect(Collectors.toSet());
        assertTrue(classes.size() >= 25, "attack classes: " + classes);
    }
}

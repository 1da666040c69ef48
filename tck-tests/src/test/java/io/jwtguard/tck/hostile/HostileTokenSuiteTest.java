package io.jwtguard.tck.hostile;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.hostile.app.HostileApp;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.Base64;
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
 * everything fails too.
 */
@RunAsClient
public class HostileTokenSuiteTest extends Arquillian {
    static final String ISSUER = "https://issuer.hostile.test";
    static final String AUDIENCE = "hostile-suite";
    static final int MAX_SIZE = 4096;
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
                "jwtguard.realm=hostile");
        return Wars.war("hostile", config).addPackage(HostileApp.class.getPackage());
    }

    @Test
    public void everyHostileTokenIsRejectedAndEveryLegitimateTokenAccepted() throws Exception {
        List<HostileCase> cases = new HostileCases(KEYS, ISSUER, AUDIENCE, "user", MAX_SIZE, Clock.systemUTC()).all();
        HostileSuiteRunner runner = new HostileSuiteRunner(URI.create(base.toExternalForm() + "api/protected"));
        List<HostileSuiteRunner.Outcome> outcomes = runner.run(cases);
        HostileSuiteRunner.print(outcomes, System.out);

        Set<String> legitimate = outcomes.stream().filter(o -> o.testCase().legitimate())
                .filter(HostileSuiteRunner.Outcome::accepted).map(o -> o.testCase().name()).collect(Collectors.toSet());
        assertEquals(legitimate, Set.copyOf(HostileCases.ALGORITHMS), "legitimate tokens accepted");
        List<String> unexpected = outcomes.stream().filter(o -> !o.asExpected()).map(Object::toString)
                .collect(Collectors.toList());
        assertTrue(unexpected.isEmpty(), "unexpected answers: " + unexpected);
        Set<String> classes = outcomes.stream().map(o -> o.testCase().attackClass()).collect(Collectors.toSet());
        assertTrue(classes.size() >= 25, "attack classes: " + classes);
    }
}

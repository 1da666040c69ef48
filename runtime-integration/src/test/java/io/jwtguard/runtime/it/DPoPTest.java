package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.dpop.DPoPApp;
import io.jwtguard.runtime.testing.DPoPProofs;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DPoP (RFC 9449) over real HTTP with {@code jwtguard.dpop.mode=allowed}: bound tokens with proofs, and the attacks. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPTest {
    private static final String ALGS = "algs=\"ES256 ES384 ES512 EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"";

    @ArquillianResource
    URL base;

    private final DPoPProofs client = DPoPProofs.newClient();

    @Deployment(testable = false)
    static WebArchive dpop() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.dpop.mode", "allowed");
        return Deployments.war("dpop", config).addPackage(DPoPApp.class.getPackage());
    }

    private String url(String path) {
        return base.toString() + path;
    }

    private String boundToken() {
        return TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();
    }

    private static Http.Reply dpop(Http request, String token, String proof) {
        return request.header("Authorization", "DPoP " + token).header("DPoP", proof).send();
    }

    @Test
    void dpopWhenBoundTokenAndValidProofThen200() {
        String token = boundToken();
        Http.Reply reply = dpop(Http.get(base, "api/account"), token, client.proof("GET", url("api/account"), token));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("jdoe@example.com");
    }

    @Test
    void dpopWhenProofReplayedThen401InvalidDpopProofWithoutEchoingToken() {
        String token = boundToken();
        String proof = client.proof("GET", url("api/account"), token);
        assertThat(dpop(Http.get(base, "api/account"), token, proof).status()).isEqualTo(200);

        Http.Reply replay = dpop(Http.get(base, "api/account"), token, proof);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.challenge()).startsWith("DPoP realm=\"orders\", " + ALGS)
                .contains("error=\"invalid_dpop_proof\"")
                .contains("error_description=\"The DPoP proof was already used\"");
        assertThat(replay.toString()).doesNotContain(token).doesNotContain(proof);
    }

    @Test
    void dpopWhenProofForAnotherUrlOrMethodThen401() {
        String token = boundToken();
        Http.Reply otherUrl = dpop(Http.get(base, "api/account"), token,
                client.proof("GET", url("api/account/transfer"), token));
        assertThat(otherUrl.status()).isEqualTo(401);
        assertThat(otherUrl.challenge()).contains("error=\"invalid_dpop_proof\"")
                .contains("The DPoP proof is for another URI");
        Http.Reply otherMethod = dpop(Http.get(base, "api/account"), token,
                client.proof("POST", url("api/account"), token));
        assertThat(otherMethod.status()).isEqualTo(401);
        assertThat(otherMethod.challenge()).contains("The DPoP proof is for another HTTP method");
    }

    @Test
    void dpopWhenProofMissingOrByAnotherKeyThen401() {
        String token = boundToken();
        Http.Reply missing = Http.get(base, "api/account").header("Authorization", "DPoP " + token).send();
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.challenge()).contains("The DPoP proof is missing");
        DPoPProofs thief = DPoPProofs.newClient();
        Http.Reply stolen = dpop(Http.get(base, "api/account"), token, thief.proof("GET", url("api/account"), token));
        assertThat(stolen.status()).isEqualTo(401);
        assertThat(stolen.challenge()).startsWith("DPoP ").contains("error=\"invalid_token\"")
                .contains("not bound to the DPoP proof key");
    }

    @Test
    void bearerWhenTokenIsBoundThen401InvalidToken() {
        Http.Reply reply = Http.get(base, "api/account").bearer(boundToken()).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).startsWith("DPoP ").contains("error=\"invalid_token\"")
                .contains("A DPoP-bound token must be sent with the DPoP scheme");
    }

    @Test
    void noTokenWhenModeAllowedThen401WithBearerAndDpopChallenges() {
        Http.Reply reply = Http.get(base, "api/account").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", DPoP realm=\"orders\", " + ALGS);
    }

    @Test
    void bearerWhenUnboundTokenAndModeAllowedThen200() {
        assertThat(Http.get(base, "api/account").bearer(TestTokens.withGroups("user")).send().status()).isEqualTo(200);
    }

    @Test
    void requireDpopWhenBearerTokenThen401WithDpopChallengeAndWhenProofThen200() {
        Http.Reply bearer = Http.post(base, "api/account/transfer").bearer(TestTokens.withGroups("user")).send();
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(bearer.challenge()).startsWith("DPoP realm=\"orders\", " + ALGS)
                .contains("error=\"invalid_token\"").contains("This resource requires a DPoP-bound token");

        String token = boundToken();
        Http.Reply bound = dpop(Http.post(base, "api/account/transfer"), token,
                client.proof("POST", url("api/account/transfer"), token));
        assertThat(bound.status()).isEqualTo(200);
        assertThat(bound.body()).isEqualTo("transferred by jdoe@example.com");
    }
}

package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.transport.TransportApp;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.SigningAlgorithm;
import io.jwtguard.testing.TestIssuer;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An outside issuer with a JWKS endpoint, made with JWT Guard's own test kit (jwtguard-testing) as an
 * application team would: the app is configured only by {@link TestIssuer#mpConfig(JwksServer)}; a key
 * rotated at the issuer is picked up through the unknown-{@code kid} refresh, a retired key's tokens are
 * refused, and the kit's bad tokens are refused over HTTP for their reasons.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwksRotationTest {
    private static final TestIssuer ISSUER = TestIssuer.create("https://idp.rotation.test", "rotation-api");
    private static final JwksServer JWKS = ISSUER.jwksServer();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> config = ISSUER.mpConfig(JWKS);
        config.put("jwtguard.realm", "orders");
        config.put("jwtguard.algorithms", "RS256,ES256");
        return Deployments.war("rotation", config).addPackage(TransportApp.class.getPackage());
    }

    @AfterAll
    static void stopJwks() {
        JWKS.close();
    }

    @Test
    void rotatedKeyIsFetchedOnItsFirstTokenAndRetiredKeyIsRefused() {
        String before = ISSUER.token().subject("alice").groups("user").sign();
        assertThat(Http.get(base, "api/whoami").bearer(before).send().body()).isEqualTo("alice");
        int fetches = JWKS.requests();

        ISSUER.rotate(SigningAlgorithm.RS256);
        String after = ISSUER.token().subject("bob").groups("user").sign();
        Http.Reply rotated = Http.get(base, "api/whoami").bearer(after).send();
        assertThat(rotated.status()).as("a token of the new key, at once").isEqualTo(200);
        assertThat(rotated.body()).isEqualTo("bob");
        assertThat(JWKS.requests()).as("one refresh for the unknown kid").isGreaterThan(fetches);
        assertThat(Http.get(base, "api/whoami").bearer(before).send().status()).as("the old key is still published")
                .isEqualTo(200);

        ISSUER.token().algorithm(SigningAlgorithm.ES256).sign(); // an EC key appears in the set too
        String ecToken = ISSUER.token().algorithm(SigningAlgorithm.ES256).subject("carol").groups("user").sign();
        assertThat(Http.get(base, "api/whoami").bearer(ecToken).send().body()).isEqualTo("carol");
    }

    @Test
    void theKitsBadTokensAreRefusedForTheirReasons() {
        assertThat(challenge(ISSUER.token().expired().sign())).contains("The token is expired");
        assertThat(challenge(ISSUER.token().wrongIssuer().sign())).contains("error=\"invalid_token\"");
        assertThat(challenge(ISSUER.token().wrongAudience().sign())).contains("error=\"invalid_token\"");
        assertThat(challenge(ISSUER.token().tampered().sign())).contains("The token signature is invalid");
        assertThat(challenge(TestIssuer.create("https://idp.rotation.test", "rotation-api").token().sign()))
                .as("same issuer name, another key").contains("error=\"invalid_token\"");
        assertThat(Http.get(base, "api/whoami").bearer(ISSUER.token().sign()).send().status()).isEqualTo(200);
    }

    private String challenge(String token) {
        Http.Reply reply = Http.get(base, "api/whoami").bearer(token).send();
        assertThat(reply.status()).isEqualTo(401);
        return reply.challenge();
    }
}

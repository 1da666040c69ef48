package io.jwtguard.examples.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same WAR pointed at an outside issuer by configuration alone (what the
 * {@code MP_JWT_VERIFY_*} environment variables do): its key, issuer and audience; the app's own
 * token service switched off.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutsideIssuerIT {
    private static final String IDP = "https://idp.test";
    private static final KeyPair IDP_KEY = newKey();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return OrdersDeployment.war(String.join("\n",
                "mp.jwt.verify.publickey=" + Base64.getEncoder().encodeToString(IDP_KEY.getPublic().getEncoded()),
                "mp.jwt.verify.publickey.algorithm=ES256",
                "mp.jwt.verify.issuer=" + IDP,
                "mp.jwt.verify.audiences=orders-api",
                "jwtguard.token-service.enabled=false",
                "jwtguard.endpoints.enabled=false",
                ""));
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tokenOfTheOutsideIssuerIsAccepted() {
        String token = Tokens.sign("carol", List.of("user", "admin"), "orders:read", IDP, Duration.ZERO,
                Duration.ofMinutes(5), IDP_KEY);

        Http.Reply me = Http.to("api/me").bearer(token).get();

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo("carol");
        assertThat(me.json().getString("issuer")).isEqualTo(IDP);
        assertThat(Http.to("api/admin").bearer(token).get().status()).isEqualTo(200);
    }

    @Test
    void tokenOfAnotherKeyOrTheFormerIssuerIsRefused() {
        String otherKey = Tokens.sign("carol", List.of("user"), "orders:read", IDP, Duration.ZERO,
                Duration.ofMinutes(5), OrdersDeployment.SIGNING_KEY);
        String formerIssuer = Tokens.sign("carol", List.of("user"), "orders:read", Tokens.ISSUER, Duration.ZERO,
                Duration.ofMinutes(5), IDP_KEY);

        for (String token : List.of(otherKey, formerIssuer)) {
            Http.Reply reply = Http.to("api/me").bearer(token).get();
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.challenge()).contains("error=\"invalid_token\"");
        }
    }

    @Test
    void loginIsOffWithoutTheTokenService() {
        Http.Reply login = Http.to("auth/login").param("username", "alice").param("password", "wonderland").post();

        assertThat(login.status()).isEqualTo(503);
        assertThat(login.setCookies()).isEmpty();
    }
}

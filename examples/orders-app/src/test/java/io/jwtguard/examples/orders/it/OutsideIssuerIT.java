package io.jwtguard.examples.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.TestIssuer;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same WAR pointed at an outside issuer by configuration alone (what the
 * {@code MP_JWT_VERIFY_*} environment variables do): its keys, issuer and audience, all from
 * JWT Guard's test kit ({@code jwtguard-testing}); the app's own token service switched off.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutsideIssuerIT {
    private static final TestIssuer IDP = TestIssuer.create("https://idp.test", "orders-api");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return OrdersDeployment.war(TestIssuer.asProperties(IDP.mpConfig())
                + "jwtguard.token-service.enabled=false\njwtguard.endpoints.enabled=false\n");
    }

    @Test
    void tokenOfTheOutsideIssuerIsAccepted() {
        String token = IDP.token().subject("carol").groups("user", "admin").scopes("orders:read").sign();

        Http.Reply me = Http.to("api/me").bearer(token).get();

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo("carol");
        assertThat(me.json().getString("issuer")).isEqualTo(IDP.issuer());
        assertThat(Http.to("api/admin").bearer(token).get().status()).isEqualTo(200);
    }

    @Test
    void tokenOfAnotherKeyTheFormerIssuerOrExpiredIsRefused() {
        String otherKey = TestIssuer.create(IDP.issuer(), IDP.audience()).token().subject("carol").sign();
        String formerIssuer = IDP.token().subject("carol").issuer(Tokens.ISSUER).sign();
        String expired = IDP.token().subject("carol").expired().sign();
        String tampered = IDP.token().subject("carol").tampered().sign();

        for (String token : List.of(otherKey, formerIssuer, expired, tampered)) {
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

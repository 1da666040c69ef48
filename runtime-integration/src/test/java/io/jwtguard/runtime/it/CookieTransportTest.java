package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.transport.TransportApp;
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

/**
 * mp.jwt.token.header / mp.jwt.token.cookie, and a key outage: three deployments. The cookie one
 * turns the servlet filter off, so the JAX-RS filters alone authenticate there.
 */
/** mp.jwt.token.header=Cookie with the servlet filter off: the JAX-RS filters alone authenticate. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CookieTransportTest {
    private static final String NO_TOKEN = "Bearer realm=\"orders\"";
    private static final String MULTIPLE = "Bearer realm=\"orders\", error=\"invalid_request\", "
            + "error_description=\"The request carries more than one token\"";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive cookie() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("mp.jwt.token.header", "Cookie");
        config.put("mp.jwt.token.cookie", "jwt");
        config.put("jwtguard.servlet-filter.enabled", "false");
        return Deployments.war("cookie", config).addPackage(TransportApp.class.getPackage());
    }

    @Test
    void cookieWhenTokenInConfiguredCookieThen200() {
        Http.Reply reply = Http.get(base, "api/whoami").header("Cookie", "theme=dark; jwt="
                + TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("jdoe@example.com");
    }

    @Test
    void cookieWhenTokenOnlyInAuthorizationHeaderThenNotReadAnd401() {
        Http.Reply reply = Http.get(base, "api/whoami").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN);
    }

    @Test
    void cookieWhenTwoTokenCookiesOrCookieAndHeaderThen400() {
        String token = TestTokens.withGroups("user");
        Http.Reply twoCookies = Http.get(base, "api/whoami").header("Cookie", "jwt=" + token + "; jwt=" + token).send();
        assertThat(twoCookies.status()).isEqualTo(400);
        assertThat(twoCookies.challenge()).isEqualTo(MULTIPLE);
        Http.Reply both = Http.get(base, "api/whoami").header("Cookie", "jwt=" + token).bearer(token).send();
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void cookieWhenForgedTokenThen401InvalidToken() {
        String forged = TestTokens.token().groups("user").signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        Http.Reply reply = Http.get(base, "api/whoami").header("Cookie", "jwt=" + forged).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"");
    }
}

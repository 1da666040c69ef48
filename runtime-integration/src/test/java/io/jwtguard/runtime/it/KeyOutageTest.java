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
/** Keys that cannot be fetched: 503 with Retry-After, never 401. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyOutageTest {
    private static final String NO_TOKEN = "Bearer realm=\"orders\"";
    private static final String MULTIPLE = "Bearer realm=\"orders\", error=\"invalid_request\", "
            + "error_description=\"The request carries more than one token\"";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive outage() {
        Map<String, String> config = Deployments.baseConfig();
        config.remove("mp.jwt.verify.publickey");
        // nothing listens on port 1: every key fetch fails
        config.put("mp.jwt.verify.publickey.location", "http://127.0.0.1:1/jwks.json");
        config.put("jwtguard.unavailable.retry-after", "17");
        return Deployments.war("outage", config).addPackage(TransportApp.class.getPackage());
    }

    @Test
    void keysUnavailableThen503WithRetryAfterNever401() {
        Http.Reply reply = Http.get(base, "api/whoami").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).contains("17");
        assertThat(reply.challenge()).isNull();
    }

    @Test
    void keysUnavailableWhenNoTokenThenStill401WithoutError() {
        Http.Reply reply = Http.get(base, "api/whoami").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN);
        assertThat(Http.get(base, "api/whoami/public").send().body()).isEqualTo("anonymous");
    }
}

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
/** mp.jwt.token.header set to a custom header. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomHeaderTransportTest {
    private static final String NO_TOKEN = "Bearer realm=\"orders\"";
    private static final String MULTIPLE = "Bearer realm=\"orders\", error=\"invalid_request\", "
            + "error_description=\"The request carries more than one token\"";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive header() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("mp.jwt.token.header", "X-Access-Token");
        return Deployments.war("header", config).addPackage(TransportApp.class.getPackage());
    }

    @Test
    void customHeaderWhenTokenThen200WithOrWithoutBearerPrefix() {
        assertThat(Http.get(base, "api/whoami").header("X-Access-Token", TestTokens.withGroups("user")).send().body())
                .isEqualTo("jdoe@example.com");
        assertThat(Http.get(base, "api/whoami").header("X-Access-Token", "Bearer " + TestTokens.withGroups("user"))
                .send().status()).isEqualTo(200);
    }

    @Test
    void customHeaderWhenTwoValuesThen400AndWhenOnlyAuthorizationThen401() {
        String token = TestTokens.withGroups("user");
        Http.Reply two = Http.get(base, "api/whoami").header("X-Access-Token", token)
                .header("X-Access-Token", token).send();
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.challenge()).isEqualTo(MULTIPLE);
        assertThat(Http.get(base, "api/whoami").bearer(token).send().challenge()).isEqualTo(NO_TOKEN);
    }
}

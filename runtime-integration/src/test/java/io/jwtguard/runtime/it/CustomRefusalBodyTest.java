package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.authz.AuthzApp;
import io.jwtguard.runtime.it.problem.TeapotBodies;
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

/** {@code jwtguard.error-body=custom}: the application's own writer gives the body; headers stay ours. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomRefusalBodyTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.error-body", "custom");
        config.put("jwtguard.error-body.writer", TeapotBodies.class.getName());
        return Deployments.war("custom-body", config, TeapotBodies.class).addPackage(AuthzApp.class.getPackage());
    }

    @Test
    void refusalsCarryTheApplicationsBodyAndOurChallenge() {
        Http.Reply missingRole = Http.get(base, "api/roles/admin").bearer(TestTokens.withGroups("user")).send();
        assertThat(missingRole.status()).isEqualTo(403);
        assertThat(missingRole.body()).isEqualTo("refused 403 MISSING_ROLE");
        assertThat(missingRole.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(missingRole.challenge()).contains("error=\"insufficient_scope\"");

        Http.Reply noToken = Http.get(base, "api/roles/user").send();
        assertThat(noToken.body()).isEqualTo("refused 401 -");
        assertThat(Http.get(base, "api/roles/user").bearer(TestTokens.withGroups("user")).send().status())
                .isEqualTo(200);
    }
}

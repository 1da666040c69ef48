package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.health.HealthApp;
import io.jwtguard.runtime.it.health.HealthProbe;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code jwtguard.health.enabled=false}: no health check bean, although the Health API is there. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthChecksOffTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive healthOff() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.health.enabled", "false");
        return Deployments.war("healthoff", config, HealthApp.class, HealthProbe.class);
    }

    @Test
    void checksWhenSwitchedOffThenNone() {
        Http.Reply reply = Http.get(base, "api/health").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }
}

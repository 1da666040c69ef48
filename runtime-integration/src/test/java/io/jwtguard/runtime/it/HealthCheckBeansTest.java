package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.health.HealthApp;
import io.jwtguard.runtime.it.health.HealthProbe;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MicroProfile Health checks as CDI beans (Weld, embedded): added by the extension when the
 * application sees the Health API, one readiness check per issuer and the liveness check.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthCheckBeansTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive health() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.issuers", "partner");
        config.put("jwtguard.issuers.partner.issuer", "https://partner.example");
        // nothing listens on port 1: the partner's keys never load
        config.put("jwtguard.issuers.partner.publickey.location", "http://127.0.0.1:1/jwks");
        config.put("jwtguard.issuers.partner.audiences", TestTokens.AUDIENCE);
        return Deployments.war("health", config, HealthApp.class, HealthProbe.class);
    }

    @Test
    void checksWhenHealthApiPresentThenOneReadinessPerIssuerAndLiveness() {
        Http.Reply reply = Http.get(base, "api/health").send();

        assertThat(reply.status()).isEqualTo(200);
        List<String> lines = reply.body().lines().toList();
        assertThat(lines).as(reply.body()).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("liveness jwtguard UP true");
        assertThat(lines.get(1)).isEqualTo("readiness jwtguard-keys UP STATIC");
        assertThat(lines.get(2)).matches("readiness jwtguard-keys-partner DOWN (NOT_LOADED|UNAVAILABLE)");
    }
}

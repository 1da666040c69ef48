package io.jwtguard.runtime.it;

import io.jwtguard.runtime.it.endpoint.DPoPEndpointScenarios;
import io.jwtguard.runtime.it.endpoint.EndpointDeployments;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code jwtguard.endpoints.dpop=off}: the token endpoints ignore DPoP proofs and issue bearer tokens. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPOffTokenEndpointTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EndpointDeployments.war("dpop-off-endpoints", "body", Map.of("jwtguard.dpop.mode", "allowed",
                "jwtguard.endpoints.dpop", "off"));
    }

    @Test
    void loginWhenDpopOffAndProofThenProofIgnoredAndBearerToken() {
        new DPoPEndpointScenarios(base).offIgnoresProofs();
    }
}

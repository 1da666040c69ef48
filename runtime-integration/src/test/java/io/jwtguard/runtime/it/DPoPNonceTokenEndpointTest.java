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

/** Server nonces ({@code jwtguard.dpop.nonce=required}, RFC 9449 sections 8 and 9) at login and at a resource. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPNonceTokenEndpointTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EndpointDeployments.war("dpop-nonce-endpoints", "body", Map.of("jwtguard.dpop.mode", "allowed",
                "jwtguard.dpop.nonce", "required", "jwtguard.dpop.nonce.secret", "a-test-secret-of-more-than-32-characters"));
    }

    @Test
    void loginAndResourceWhenProofLacksNonceThenUseDpopNonceWithNonceAndWithItAccepted() {
        new DPoPEndpointScenarios(base).noncesRequiredAtLoginAndResource();
    }
}

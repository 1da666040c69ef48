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

/** {@code jwtguard.endpoints.dpop=required} with the refresh token in its cookie: the browser's flow. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPRequiredTokenEndpointTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EndpointDeployments.war("dpop-required-endpoints", "cookie", Map.of("jwtguard.dpop.mode", "allowed",
                "jwtguard.endpoints.dpop", "required"));
    }

    @Test
    void loginWhenNoProofAndDpopRequiredThen400InvalidDpopProof() {
        new DPoPEndpointScenarios(base).requiredLoginWithoutProofIsRefused();
    }

    @Test
    void cookieRefreshAndLogoutWhenProofsByTheKeyThenWorkAndStolenCookieRefused() {
        new DPoPEndpointScenarios(base).requiredCookieFlowWithProofs();
    }
}

package io.jwtguard.runtime.it;

import io.jwtguard.runtime.it.endpoint.EndpointDeployments;
import io.jwtguard.runtime.it.endpoint.EndpointScenarios;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token endpoints with the refresh token in the form body and the JSON response (RFC 6749 section 6). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BodyTokenEndpointTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EndpointDeployments.war("body-endpoints", "body");
    }

    @Test
    void refreshWhenTokenInBodyThenRotatedTokenInBodyAndNoCookie() {
        new EndpointScenarios(base).bodyRefreshRotates();
    }

    @Test
    void refreshWhenReusedOrUnknownThenSameInvalidGrantAnswer() {
        new EndpointScenarios(base).bodyErrorsRevealNothing();
    }

    @Test
    void revokeWhenRefreshTokenInBodyThen200AndFamilyDead() {
        new EndpointScenarios(base).bodyRevokeRefreshToken();
    }
}

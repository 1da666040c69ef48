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

/**
 * DPoP at login and at the refresh and revocation endpoints (RFC 9449 section 5) with
 * {@code jwtguard.endpoints.dpop} at its default ({@code allowed}) and the refresh token in the body.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPTokenEndpointTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EndpointDeployments.war("dpop-endpoints", "body", Map.of("jwtguard.dpop.mode", "allowed"));
    }

    private DPoPEndpointScenarios scenarios() {
        return new DPoPEndpointScenarios(base);
    }

    @Test
    void loginWhenProofThenDpopTokenBoundToTheKey() {
        scenarios().loginWithProofIssuesBoundDpopToken();
    }

    @Test
    void loginWhenNoProofAndDpopAllowedThenBearerToken() {
        scenarios().loginWithoutProofIssuesBearerToken();
    }

    @Test
    void loginWhenProofForOtherUrlMethodReplayedOrMalformedThen400InvalidDpopProof() {
        scenarios().loginWithBadProofIsRefusedWithoutEcho();
    }

    @Test
    void refreshWhenBoundFamilyThenOnlyTheKeysProofRotatesAndFailuresChangeNothing() {
        scenarios().bodyRefreshOfBoundFamilyNeedsTheKey();
    }

    @Test
    void refreshWhenUnboundFamilyAndProofThenStaysBearer() {
        scenarios().bodyRefreshOfUnboundFamilyStaysBearer();
    }

    @Test
    void revokeWhenBoundFamilyWithoutKeyThen400AndFamilyAlive() {
        scenarios().bodyRevokeOfBoundFamilyNeedsTheKey();
    }

    @Test
    void loginAndRefreshWhenProofsMadeByNimbusThenAccepted() throws Exception {
        scenarios().nimbusProofAcceptedAtLoginAndRefresh();
    }
}

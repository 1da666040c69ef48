package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The token endpoints with the refresh token in a {@code __Host-} cookie: login, refresh with the
 * CSRF defence, reuse detection over HTTP, RFC 7009 revocation enforced by the filter, JWKS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CookieTokenEndpointTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EndpointDeployments.war("cookie-endpoints", "cookie");
    }

    @Test
    void loginWhenAuthenticatedThenAccessTokenInBodyAndRefreshTokenInHardenedHostCookie() {
        new EndpointScenarios(base).loginSetsHardenedCookie();
    }

    @Test
    void refreshWhenCookieAndCsrfHeaderAndOwnOriginThenRotatedAndNewAccessTokenWorks() {
        new EndpointScenarios(base).cookieRefreshRotates();
    }

    @Test
    void refreshWhenCsrfHeaderMissingOrForeignOriginOrNoOriginThen403AndTokenUntouched() {
        new EndpointScenarios(base).cookieRefreshNeedsCsrfDefence();
    }

    @Test
    void refreshWhenOldCookieReplayedThenInvalidGrantAndFamilyRevoked() {
        new EndpointScenarios(base).cookieReuseRevokesFamily();
    }

    @Test
    void revokeWhenAccessTokenThen200AndNextRequestWithItIs401() {
        new EndpointScenarios(base).revokeAccessTokenEnforced();
    }

    @Test
    void revokeWhenInvalidOrUnknownTokenThen200AndWhenMissingThen400() {
        new EndpointScenarios(base).revokeSemantics();
    }

    @Test
    void revokeWhenLogoutWithCookieThenCookieClearedAndRefreshRefused() {
        new EndpointScenarios(base).cookieLogout();
    }

    @Test
    void jwksWhenFetchedThenPublicKeysOnlyAndCacheable() {
        new EndpointScenarios(base).jwksPublicOnly();
    }

    @Test
    void tokenEndpointWhenWrongGrantOrMethodThenOAuthErrors() {
        EndpointScenarios s = new EndpointScenarios(base);
        s.wrongGrantAndMethod();
        assertThat(base).isNotNull();
    }
}

package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.authz.AuthzApp;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** @RolesAllowed / @PermitAll / @DenyAll, our annotations, and the RFC 6750 wire format, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JaxrsAuthorizationTest {
    private static final String NO_TOKEN = "Bearer realm=\"orders\"";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("authz", Deployments.baseConfig()).addPackage(AuthzApp.class.getPackage());
    }

    @Test
    void rolesAllowedWhenNoTokenThen401WithoutError() {
        Http.Reply reply = Http.get(base, "api/roles/user").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN);
    }

    @Test
    void rolesAllowedWhenRoleInGroupsThen200AndPrincipalIsJsonWebToken() {
        Http.Reply reply = Http.get(base, "api/roles/user").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("name=jdoe@example.com", "jwt=true", "user=true", "admin=false",
                "scheme=MP-JWT");
    }

    @Test
    void rolesAllowedOnMethodWhenRoleMissingThen403InsufficientScope() {
        Http.Reply reply = Http.get(base, "api/roles/admin").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"insufficient_scope\", "
                + "error_description=\"The token lacks a required role\"");
        assertThat(Http.get(base, "api/roles/admin").bearer(TestTokens.withGroups("admin", "user")).send().status())
                .isEqualTo(200);
    }

    @Test
    void rolesAllowedOnClassWhenRoleMissingThen403() {
        assertThat(Http.get(base, "api/roles/user").bearer(TestTokens.withGroups("admin")).send().status())
                .isEqualTo(403);
    }

    @Test
    void anyAuthenticatedRoleWhenTokenWithoutGroupsThen200AndWhenNoTokenThen401() {
        assertThat(Http.get(base, "api/roles/any").bearer(TestTokens.token().sign()).send().status()).isEqualTo(200);
        assertThat(Http.get(base, "api/roles/any").send().status()).isEqualTo(401);
    }

    @Test
    void permitAllOnMethodOverridesRolesAllowedOnClass() {
        assertThat(Http.get(base, "api/roles/open").send().body()).isEqualTo("anonymous");
        assertThat(Http.get(base, "api/roles/open").bearer(TestTokens.withGroups("guest")).send().body())
                .contains("name=jdoe@example.com");
    }

    @Test
    void denyAllWhenAnyCallerThen403() {
        assertThat(Http.get(base, "api/roles/closed").bearer(TestTokens.withGroups("user", "admin")).send().status())
                .isEqualTo(403);
        assertThat(Http.get(base, "api/denied/x").bearer(TestTokens.withGroups("user")).send().status())
                .isEqualTo(403);
        assertThat(Http.get(base, "api/denied/x").send().status()).isEqualTo(403);
    }

    @Test
    void permitAllOnMethodOverridesDenyAllOnClass() {
        assertThat(Http.get(base, "api/denied/allowed").send().status()).isEqualTo(200);
    }

    @Test
    void unannotatedResourceWhenNoTokenThenAnonymousAndWhenTokenThenInjected() {
        assertThat(Http.get(base, "api/open").send().body()).isEqualTo("anonymous");
        assertThat(Http.get(base, "api/open").bearer(TestTokens.withGroups()).send().body())
                .isEqualTo("name=jdoe@example.com");
    }

    @Test
    void expiredTokenThen401InvalidTokenWithDescriptionAndNoEcho() {
        String expired = TestTokens.token().issuedSecondsAgo(1000).groups("user").sign();
        Http.Reply reply = Http.get(base, "api/roles/user").bearer(expired).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", "
                + "error_description=\"The token is expired\"");
        assertThat(reply.body()).isEmpty(); // jwtguard.error-body=none by default
        assertThat(reply.toString()).doesNotContain(expired.substring(0, 20));
    }

    @Test
    void tokenSignedByAttackerThen401EvenOnPublicResource() {
        String forged = TestTokens.token().groups("admin").signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        Http.Reply reply = Http.get(base, "api/roles/admin").bearer(forged).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", "
                + "error_description=\"The token signature is invalid\"");
        assertThat(Http.get(base, "api/open").bearer(forged).send().status()).isEqualTo(401);
    }

    @Test
    void unsecuredTokenThen401() {
        Http.Reply reply = Http.get(base, "api/roles/user").bearer(TestTokens.token().groups("user").unsecured()).send();
        // core refuses the empty signature segment before it even reads alg
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"",
                "error_description=\"The token is not a well-formed compact JWS or JWE\"");
    }

    @Test
    void twoAuthorizationHeadersThen400InvalidRequest() {
        String token = TestTokens.withGroups("user");
        Http.Reply reply = Http.get(base, "api/roles/user").bearer(token).bearer(token).send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"invalid_request\", "
                + "error_description=\"The request carries more than one token\"");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        Http.Reply reply = Http.get(base, "api/roles/user")
                .header("Authorization", "bEaReR " + TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void tokenInQueryStringIsNeverRead() {
        Http.Reply reply = Http.get(base, "api/roles/user?access_token=" + TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN);
    }

    @Test
    void basicAuthorizationIsNotOurTokenThen401WithoutError() {
        Http.Reply reply = Http.get(base, "api/roles/user").header("Authorization", "Basic dXNlcjpwYXNz").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN);
    }

    @Test
    void maxTokenAgeWhenTokenOlderThen401StaleAndWhenFreshThen200() {
        Http.Reply stale = Http.get(base, "api/stepup/fresh").bearer(TestTokens.token().issuedSecondsAgo(120).sign())
                .send();
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", "
                + "error_description=\"The token is too old for this resource\"");
        assertThat(Http.get(base, "api/stepup/fresh").bearer(TestTokens.token().sign()).send().status())
                .isEqualTo(200);
        assertThat(Http.get(base, "api/stepup/fresh").send().status()).isEqualTo(401);
    }

    @Test
    void requiredScopeWhenMissingThen403WithScopeAttribute() {
        Http.Reply reply = Http.get(base, "api/stepup/scoped")
                .bearer(TestTokens.token().claim("scope", "\"orders:read\"").sign()).send();
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"insufficient_scope\", "
                + "error_description=\"The token lacks a required scope\", scope=\"orders:write\"");
        assertThat(Http.get(base, "api/stepup/scoped")
                .bearer(TestTokens.token().claim("scope", "\"orders:read orders:write\"").sign()).send().status())
                .isEqualTo(200);
        assertThat(Http.get(base, "api/stepup/scoped")
                .bearer(TestTokens.token().claim("scp", "[\"orders:write\"]").sign()).send().status())
                .isEqualTo(200);
    }

    @Test
    void requiredClaimWhenOtherValueThen403AndWhenEqualThen200() {
        Http.Reply reply = Http.get(base, "api/stepup/tenant")
                .bearer(TestTokens.token().claim("tenant", "\"evil\"").sign()).send();
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.challenge()).contains("error=\"insufficient_scope\"",
                "error_description=\"The token lacks a required claim value\"");
        assertThat(Http.get(base, "api/stepup/tenant").bearer(TestTokens.token().claim("tenant", "\"acme\"").sign())
                .send().status()).isEqualTo(200);
    }

    @Test
    void rejectionFiresCdiEventWithDigestNeverTheTokenAndCounts() {
        String expired = TestTokens.token().issuedSecondsAgo(2000).sign();
        assertThat(Http.get(base, "api/roles/user").bearer(expired).send().status()).isEqualTo(401);
        String events = Http.get(base, "api/events").send().body();
        assertThat(events).containsPattern("event=EXPIRED\\|https://issuer.example\\|[0-9a-f]{16}");
        assertThat(events).doesNotContain(expired).doesNotContain(expired.split("\\.")[2]);
        assertThat(events).containsPattern("counter.EXPIRED=[1-9]");
    }
}

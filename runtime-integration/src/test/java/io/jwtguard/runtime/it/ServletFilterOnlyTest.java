package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.servlet.WhoAmIServlet;
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

/**
 * The servlet filter alone, as on Tomcat: no beans.xml (Weld does not start for this WAR), no
 * JAX-RS, no MicroProfile Config (hidden from the WAR); the configuration comes from web.xml
 * context parameters.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServletFilterOnlyTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.servlet-filter.enabled", "true");
        config.put("jwtguard.servlet-filter.required-patterns", "/members/*, *.secret");
        return Deployments.plainServletWar("servlet", WhoAmIServlet.class)
                .setWebXML(Deployments.webXmlWithContextParams(config));
    }

    @Test
    void validTokenThenPrincipalAndRolesFromGroupsWithoutCdi() {
        Http.Reply reply = Http.get(base, "whoami").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body())
                .isEqualTo("jdoe@example.com|jwt=true|user=true|admin=false|any=true|authType=MP-JWT|cdi=false");
    }

    @Test
    void noTokenThenAnonymous() {
        assertThat(Http.get(base, "whoami").send().body()).isEqualTo("anonymous|cdi=false");
    }

    @Test
    void forgedTokenThen401InvalidTokenAtTheFilter() {
        String forged = TestTokens.token().groups("admin").signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        Http.Reply reply = Http.get(base, "whoami").bearer(forged).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", "
                + "error_description=\"The token signature is invalid\"");
        assertThat(reply.header("Cache-Control")).contains("no-store");
    }

    @Test
    void isUserInRoleWhenTokenWithoutGroupsThenOnlyAnyAuthenticatedRole() {
        Http.Reply reply = Http.get(base, "whoami").bearer(TestTokens.token().sign()).send();
        assertThat(reply.body()).isEqualTo("jdoe@example.com|jwt=true|user=false|admin=false|any=true|authType=MP-JWT"
                + "|cdi=false");
    }

    @Test
    void requiredPatternWhenNoTokenThen401ChallengeWithoutError() {
        Http.Reply reply = Http.get(base, "members/whoami").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\"");
        assertThat(reply.body()).doesNotContain("anonymous");
    }

    @Test
    void requiredPatternWhenValidTokenThenServed() {
        Http.Reply reply = Http.get(base, "members/whoami").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("jdoe@example.com|jwt=true|user=true");
    }

    @Test
    void requiredPatternWhenForgedTokenThen401InvalidToken() {
        String forged = TestTokens.token().groups("admin").signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        Http.Reply reply = Http.get(base, "members/whoami").bearer(forged).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void requiredPatternWhenPathOnlyLooksLikeItThenFree() {
        // "/members/*" covers /members and what is below it, not /membersonly; the free path stays free
        assertThat(Http.get(base, "whoami").send().status()).isEqualTo(200);
        assertThat(Http.get(base, "membersonly").send().status()).isEqualTo(404);
    }

    @Test
    void requiredPatternWhenExtensionMatchesThen401() {
        Http.Reply reply = Http.get(base, "files/report.secret").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\"");
    }

    @Test
    void twoTokensThen400() {
        String token = TestTokens.withGroups("user");
        assertThat(Http.get(base, "whoami").bearer(token).bearer(token).send().status()).isEqualTo(400);
    }
}

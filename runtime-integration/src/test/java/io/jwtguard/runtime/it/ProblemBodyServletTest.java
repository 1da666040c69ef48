package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.servlet.WhoAmIServlet;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code jwtguard.error-body=problem} in the servlet-only mode (no CDI, no JAX-RS, no MP Config). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProblemBodyServletTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.servlet-filter.enabled", "true");
        config.put("jwtguard.servlet-filter.required-patterns", "/members/*");
        config.put("jwtguard.error-body", "problem");
        return Deployments.plainServletWar("servlet-problem", WhoAmIServlet.class)
                .setWebXML(Deployments.webXmlWithContextParams(config));
    }

    @Test
    void forgedTokenThen401ProblemFromTheFilter() {
        String forged = TestTokens.token().signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        Http.Reply reply = Http.get(base, "whoami").bearer(forged).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        JsonObject problem = ProblemBodyTest.json(reply);
        assertThat(problem.getString("reason")).isEqualTo("INVALID_SIGNATURE");
        assertThat(problem.getString("title")).isEqualTo("The token signature is invalid");
        assertThat(reply.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void requiredPatternWithoutTokenThenNoTokenProblemAndValidTokenPasses() {
        Http.Reply refused = Http.get(base, "members/whoami").send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(ProblemBodyTest.json(refused).getString("type")).endsWith(":no-token");
        Http.Reply allowed = Http.get(base, "members/whoami").bearer(TestTokens.withGroups("user")).send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).startsWith("jdoe@example.com");
    }
}

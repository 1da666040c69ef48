package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.authz.AuthzApp;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
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
 * {@code jwtguard.error-body=problem}: every refusal of the JAX-RS filters carries an RFC 9457
 * body with the reason and its fixed description, the challenge is unchanged, and nothing of the
 * token is echoed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProblemBodyTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.error-body", "problem");
        return Deployments.war("problem", config).addPackage(AuthzApp.class.getPackage());
    }

    @Test
    void expiredTokenThen401ProblemWithReasonAndUnchangedChallenge() {
        String expired = TestTokens.token().groups("user").issuedSecondsAgo(3600).sign();
        Http.Reply reply = Http.get(base, "api/roles/user").bearer(expired).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", "
                + "error_description=\"The token is expired\"");
        JsonObject problem = json(reply);
        assertThat(problem.getString("type")).isEqualTo("tag:jwtguard.io,2026:problem:expired");
        assertThat(problem.getString("title")).isEqualTo("The token is expired");
        assertThat(problem.getInt("status")).isEqualTo(401);
        assertThat(problem.getString("error")).isEqualTo("invalid_token");
        assertThat(problem.getString("reason")).isEqualTo("EXPIRED");
        assertThat(reply.body()).doesNotContain(expired.substring(0, 20), expired.substring(expired.lastIndexOf('.')));
    }

    @Test
    void forgedTokenThenProblemNeverEchoesTheToken() {
        String forged = TestTokens.token().groups("admin").signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        Http.Reply reply = Http.get(base, "api/roles/admin").bearer(forged).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(json(reply).getString("reason")).isEqualTo("INVALID_SIGNATURE");
        for (String part : forged.split("\\.")) {
            assertThat(reply.body()).doesNotContain(part);
        }
    }

    @Test
    void noTokenThen401ProblemWithoutErrorMember() {
        Http.Reply reply = Http.get(base, "api/roles/user").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"orders\"");
        JsonObject problem = json(reply);
        assertThat(problem.getString("type")).isEqualTo("tag:jwtguard.io,2026:problem:no-token");
        assertThat(problem.getInt("status")).isEqualTo(401);
        assertThat(problem.containsKey("error")).isFalse();
        assertThat(problem.containsKey("reason")).isFalse();
    }

    @Test
    void missingRoleThen403ProblemAndLegitimateCallerGets200WithoutProblem() {
        Http.Reply refused = Http.get(base, "api/roles/admin").bearer(TestTokens.withGroups("user")).send();
        assertThat(refused.status()).isEqualTo(403);
        JsonObject problem = json(refused);
        assertThat(problem.getString("reason")).isEqualTo("MISSING_ROLE");
        assertThat(problem.getString("error")).isEqualTo("insufficient_scope");
        assertThat(problem.getInt("status")).isEqualTo(403);

        Http.Reply allowed = Http.get(base, "api/roles/admin").bearer(TestTokens.withGroups("admin", "user")).send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).doesNotContain("problem");
    }

    @Test
    void denyAllThen403DeniedProblemWithoutChallenge() {
        Http.Reply reply = Http.get(base, "api/denied/x").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("WWW-Authenticate")).isEmpty();
        assertThat(json(reply).getString("type")).isEqualTo("tag:jwtguard.io,2026:problem:denied");
    }

    @Test
    void severalTokensThen400InvalidRequestProblem() {
        String token = TestTokens.withGroups("user");
        Http.Reply reply = Http.get(base, "api/roles/user").bearer(token).bearer(token).send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(json(reply).getString("reason")).isEqualTo("MULTIPLE_TOKENS");
    }

    static JsonObject json(Http.Reply reply) {
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }
}

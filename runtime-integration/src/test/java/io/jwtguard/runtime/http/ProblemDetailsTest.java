package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.RejectionReason;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemDetailsTest {
    private final ProblemDetails problems = new ProblemDetails();

    @Test
    void everyVerifierReasonGivesValidJsonWithItsCodeAndFixedDescription() {
        for (RejectionReason reason : EnumSet.allOf(RejectionReason.class)) {
            JsonObject problem = parse(Refusal.of(BearerChallenge.rejected("api", reason)));
            assertThat(problem.getString("reason")).isEqualTo(reason.name());
            assertThat(problem.getString("error")).isEqualTo(reason.errorCode().code());
            assertThat(problem.getInt("status")).isEqualTo(reason.httpStatus());
            assertThat(problem.getString("title")).isIn(reason.description(), BearerChallenge.SAFE_DESCRIPTION);
            assertThat(problem.getString("type")).isEqualTo(ProblemDetails.TYPE_PREFIX
                    + reason.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void scopeRefusalKeepsItsReasonAndAddsNothingFromTheRequest() {
        JsonObject problem = parse(Refusal.of(BearerChallenge.rejected("api", RequestRefusal.INSUFFICIENT_SCOPE,
                List.of("orders:write"))));
        assertThat(problem.getString("reason")).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(problem.keySet()).containsExactlyInAnyOrder("type", "title", "status", "error", "reason");
    }

    @Test
    void refusalsWithoutReason() {
        assertThat(parse(Refusal.of(BearerChallenge.noToken("api"))).getString("type")).endsWith(":no-token");
        JsonObject unavailable = parse(Refusal.unavailable());
        assertThat(unavailable.getInt("status")).isEqualTo(503);
        assertThat(unavailable.getString("type")).endsWith(":unavailable");
        assertThat(unavailable.containsKey("reason")).isFalse();
        JsonObject denied = parse(Refusal.denied());
        assertThat(denied.getInt("status")).isEqualTo(403);
        assertThat(denied.getString("type")).endsWith(":denied");
    }

    @Test
    void descriptionWithCharactersOutsideRfc6750IsReplacedNotEscapedIntoTheBody() {
        Refusal refusal = Refusal.of(BearerChallenge.error("api", io.jwtguard.core.verify.BearerErrorCode.INVALID_TOKEN,
                "bad \"quote\"\n\\", null));
        assertThat(parse(refusal).getString("title")).isEqualTo(BearerChallenge.SAFE_DESCRIPTION);
    }

    @Test
    void mediaTypeIsProblemJson() {
        assertThat(problems.bodyFor(Refusal.denied())).map(ResponseBody::contentType)
                .contains("application/problem+json");
    }

    private JsonObject parse(Refusal refusal) {
        ResponseBody body = problems.bodyFor(refusal).orElseThrow();
        try (var reader = Json.createReader(new StringReader(new String(body.content(), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}

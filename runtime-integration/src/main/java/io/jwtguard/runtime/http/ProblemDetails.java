package io.jwtguard.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in body of {@code jwtguard.error-body=problem}: RFC 9457 problem details as
 * {@code application/problem+json}, for example
 * <pre>{"type":"tag:jwtguard.io,2026:problem:expired","title":"The token is expired","status":401,
 * "error":"invalid_token","reason":"EXPIRED"}</pre>
 * {@code type} identifies the reason (a tag URI, RFC 9457 section 4: an identifier, not a link);
 * {@code title} is the reason's fixed description; {@code error} the RFC 6750 code and
 * {@code reason} the stable reason code, where the refusal has them. No member ever carries
 * anything from the request. A refusal without a reason (no token, 403 denied, 503) has the
 * types {@code ...:problem:no-token}, {@code ...:problem:denied} and {@code ...:problem:unavailable}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProblemDetails implements RefusalBodyWriter {
    /** The media type of RFC 9457 section 3. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The prefix of every {@code type}. */
    public static final String TYPE_PREFIX = "tag:jwtguard.io,2026:problem:";

    @Override
    public Optional<ResponseBody> bodyFor(Refusal refusal) {
        StringBuilder json = new StringBuilder(160).append('{');
        member(json, "type", TYPE_PREFIX + typeName(refusal)).append(',');
        member(json, "title", refusal.description()).append(',');
        json.append("\"status\":").append(refusal.status());
        refusal.error().ifPresent(error -> member(json.append(','), "error", error.code()));
        refusal.reasonCode().ifPresent(reason -> member(json.append(','), "reason", reason));
        json.append('}');
        return Optional.of(ResponseBody.of(MEDIA_TYPE, json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String typeName(Refusal refusal) {
        if (refusal.reasonCode().isPresent()) {
            return refusal.reasonCode().get().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return switch (refusal.status()) {
            case 503 -> "unavailable";
            case 403 -> "denied";
            default -> refusal.error().map(e -> e.code().replace('_', '-')).orElse("no-token");
        };
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}

package io.jwtguard.core.verify;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.MalformedJsonException;
import io.jwtguard.core.jose.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;

/**
 * The pipeline's shared steps on a token's raw parts: finding the dots, strict base64url, strict
 * JSON, each failure turned into its rejection reason. Stateless.
 */
final class TokenParts {
    private TokenParts() {
    }

    /** @return the offsets of the dots in {@code token}: up to four exactly, else an array as long as their count */
    static int[] dots(String token) {
        int[] positions = new int[4];
        int count = 0;
        for (int i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) { // a vectorised search
            if (count < positions.length) {
                positions[count] = i;
            }
            count++;
        }
        return count == positions.length ? positions : count < positions.length
                ? Arrays.copyOf(positions, count) : new int[count];
    }

    static byte[] decode(byte[] token, int from, int to) {
        try {
            return Base64Url.decode(token, from, to);
        } catch (IllegalArgumentException e) {
            throw reject(RejectionReason.MALFORMED_ENCODING, e.getMessage());
        }
    }

    static JsonObject parse(byte[] json, String what) {
        try {
            return StrictJson.parseObject(json);
        } catch (MalformedJsonException e) {
            throw reject(e.kind() == MalformedJsonException.Kind.DUPLICATE_MEMBER
                    ? RejectionReason.DUPLICATE_MEMBER : RejectionReason.MALFORMED_JSON, "the " + what + " "
                    + e.getMessage());
        }
    }

    static String optionalString(JsonObject object, String member) {
        JsonValue value = object.get(member);
        return value instanceof JsonString ? ((JsonString) value).getString() : null;
    }

    static TokenRejectedException reject(RejectionReason reason, String detail) {
        return new TokenRejectedException(reason, detail);
    }
}

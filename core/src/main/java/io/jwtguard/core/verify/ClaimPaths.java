package io.jwtguard.core.verify;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** Dot-separated claim paths such as {@code realm_access.roles}. Stateless. */
final class ClaimPaths {
    private ClaimPaths() {
    }

    /**
     * @return the path's segments
     * @throws IllegalArgumentException if the path is blank or has an empty segment
     */
    static List<String> parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a claim path is not blank");
        }
        List<String> segments = List.of(path.split("\\.", -1));
        if (segments.contains("")) {
            throw new IllegalArgumentException("'" + path + "' is not a dot-separated claim path");
        }
        return segments;
    }

    /** @return whether {@code path} is a valid claim path */
    static boolean isValid(String path) {
        return path != null && !path.isBlank() && !List.of(path.split("\\.", -1)).contains("");
    }

    /** @return the value at {@code path}, or null when absent, JSON null, or below a non-object */
    static JsonValue resolve(JsonObject claims, List<String> path) {
        JsonValue value = claims;
        for (String segment : path) {
            if (!(value instanceof JsonObject)) {
                return null;
            }
            value = ((JsonObject) value).get(segment);
        }
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}

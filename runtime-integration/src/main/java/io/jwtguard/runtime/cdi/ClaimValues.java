package io.jwtguard.runtime.cdi;

import io.jwtguard.core.verify.VerifiedToken;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;

/**
 * Converts a claim of the current token to an injection type; the one conversion used by every
 * producer. Missing claims (and claims of another JSON type) are null, or 0 / false / 0.0 for
 * primitive injection points, which cannot hold null. Conversions are strict: a JSON string is
 * never parsed as a number or boolean. {@code raw_token} is the token text; {@code groups} is
 * the groups read from the configured claim path; an {@code aud} that is one string is, as a
 * {@code JsonArray}, an array of that string. Stateless.
 */
final class ClaimValues {
    private ClaimValues() {
    }

    /** @return the value of the claim {@code name} as {@code type}, or null (primitive default) */
    static Object value(Optional<VerifiedToken> token, String name, Type type) {
        JsonValue json = token.map(t -> json(t, name)).orElse(null);
        if (type == String.class) {
            return json instanceof JsonString ? ((JsonString) json).getString() : json == null ? null : json.toString();
        }
        if (type == Long.class || type == long.class) {
            Long value = json instanceof JsonNumber && ((JsonNumber) json).isIntegral()
                    ? ((JsonNumber) json).longValue() : null;
            return value == null && type == long.class ? (Object) 0L : value;
        }
        if (type == Double.class || type == double.class) {
            Double value = json instanceof JsonNumber ? ((JsonNumber) json).doubleValue() : null;
            return value == null && type == double.class ? (Object) 0.0 : value;
        }
        if (type == Boolean.class || type == boolean.class) {
            Boolean value = json == JsonValue.TRUE ? Boolean.TRUE : json == JsonValue.FALSE ? Boolean.FALSE : null;
            return value == null && type == boolean.class ? (Object) Boolean.FALSE : value;
        }
        if (type == JsonValue.class) {
            return json;
        }
        if (type == JsonArray.class && json instanceof JsonString && Claims.aud.name().equals(name)) {
            // aud is a set of strings (RFC 7519 4.1.3, MP-JWT Claims.aud): one string is a set of one
            return Json.createArrayBuilder().add(json).build();
        }
        if (type == JsonString.class || type == JsonNumber.class || type == JsonArray.class
                || type == JsonObject.class) {
            return ((Class<?>) type).isInstance(json) ? json : null;
        }
        if (type == Object.class) {
            return token.map(t -> t.getClaim(name)).orElse(null);
        }
        return stringSet(json); // Set<String>, the only other supported type
    }

    private static Set<String> stringSet(JsonValue json) {
        if (json instanceof JsonString) {
            return Set.of(((JsonString) json).getString());
        }
        if (!(json instanceof JsonArray)) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonValue v : (JsonArray) json) {
            if (v instanceof JsonString) {
                result.add(((JsonString) v).getString());
            }
        }
        return Collections.unmodifiableSet(result);
    }

    private static JsonValue json(VerifiedToken token, String name) {
        if (Claims.raw_token.name().equals(name)) {
            return Json.createValue(token.getRawToken());
        }
        if (Claims.groups.name().equals(name)) {
            if (!token.containsClaim(name) && token.getGroups().isEmpty()) {
                return null;
            }
            JsonArrayBuilder groups = Json.createArrayBuilder();
            token.getGroups().forEach(groups::add);
            return groups.build();
        }
        JsonValue value = token.claims().get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}

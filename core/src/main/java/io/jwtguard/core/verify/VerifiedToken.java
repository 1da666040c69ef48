package io.jwtguard.core.verify;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token that passed every check, as MicroProfile JWT's {@link JsonWebToken}: the raw token,
 * every claim, the groups (from the configured claim path) and the principal name, which is
 * {@code upn}, else {@code preferred_username}, else {@code sub} (MP-JWT 2.1 section 7.1).
 *
 * <p>Claim values: registered claims in {@link Claims} get their declared Java type
 * ({@code exp} a {@code Long}, {@code aud} and {@code groups} a {@code Set<String>}, ...); other
 * claims map JSON strings to {@code String}, integral numbers to {@code Long}, other numbers to
 * {@code Double}, booleans to {@code Boolean}, and arrays and objects to their JSON-P values.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the raw token.
 */
public final class VerifiedToken implements JsonWebToken {
    private static final java.util.Map<String, Claims> REGISTERED = java.util.Arrays.stream(Claims.values())
            .filter(c -> c != Claims.UNKNOWN)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Claims::name, c -> c));

    private final String rawToken;
    private final JsonObject claims;
    private final Set<String> groups;
    private final String name;

    /** Takes ownership of {@code groups}: the caller must not keep or change it. */
    VerifiedToken(String rawToken, JsonObject claims, Set<String> groups, String name) {
        this.rawToken = Objects.requireNonNull(rawToken, "rawToken");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.groups = Collections.unmodifiableSet(groups);
        this.name = name;
    }

    private VerifiedToken(String rawToken, VerifiedToken same) {
        this.rawToken = Objects.requireNonNull(rawToken, "rawToken");
        this.claims = same.claims;
        this.groups = same.groups;
        this.name = same.name;
    }

    /**
     * @return this verified token as sent in another spelling (the ECDSA twin of the one that was
     *     verified): the same claims, groups and name
     */
    VerifiedToken withRawToken(String otherSpelling) {
        return new VerifiedToken(otherSpelling, this);
    }

    /** @return the principal name: upn, else preferred_username, else sub; never null */
    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    /** @return the groups from the configured claim path, unmodifiable, never null */
    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public Set<String> getClaimNames() {
        // built on demand: most requests never ask, and the verifier's hot path should not pay for it
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add(Claims.raw_token.name());
        return Collections.unmodifiableSet(names);
    }

    @Override
    public boolean containsClaim(String claimName) {
        return Claims.raw_token.name().equals(claimName) || claims.containsKey(claimName);
    }

    /** @return the verified claims set as JSON, never null */
    public JsonObject claims() {
        return claims;
    }

    /** @return the expiry instant; always present on a verified token */
    public Instant expiresAt() {
        return Instant.ofEpochSecond(NumericDates.read(claims, "exp"));
    }

    /** @return the issued-at instant, or empty when the token has no {@code iat} */
    public Optional<Instant> issuedAt() {
        long iat = NumericDates.read(claims, "iat");
        return iat == NumericDates.ABSENT ? Optional.empty() : Optional.of(Instant.ofEpochSecond(iat));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        if (Claims.raw_token.name().equals(claimName)) {
            return (T) rawToken;
        }
        if (Claims.groups.name().equals(claimName)) {
            return claims.containsKey(claimName) || !groups.isEmpty() ? (T) groups : null;
        }
        JsonValue value = claims.get(claimName);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Claims registered = registered(claimName);
        if (registered != null) {
            Class<?> type = registered.getType();
            if (type == Long.class && value instanceof JsonNumber) {
                return (T) Long.valueOf(((JsonNumber) value).longValue());
            }
            if (type == Set.class) {
                return (T) stringSet(value);
            }
            if (type == Boolean.class && (value == JsonValue.TRUE || value == JsonValue.FALSE)) {
                return (T) Boolean.valueOf(value == JsonValue.TRUE);
            }
            if (type == String.class && value instanceof JsonString) {
                return (T) ((JsonString) value).getString();
            }
            if (type == JsonObject.class && value instanceof JsonObject) {
                return (T) value;
            }
        }
        return (T) toJava(value);
    }

    private static Object toJava(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                JsonNumber number = (JsonNumber) value;
                return number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return value;
        }
    }

    private static Set<String> stringSet(JsonValue value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof JsonString) {
            result.add(((JsonString) value).getString());
        } else if (value instanceof JsonArray) {
            for (JsonValue v : (JsonArray) value) {
                if (v instanceof JsonString) {
                    result.add(((JsonString) v).getString());
                }
            }
        }
        return Collections.unmodifiableSet(result);
    }

    private static Claims registered(String claimName) {
        return REGISTERED.get(claimName);
    }

    @Override
    public String toString() {
        return "VerifiedToken[name=" + name + ", claims=" + claims.keySet() + "]";
    }
}

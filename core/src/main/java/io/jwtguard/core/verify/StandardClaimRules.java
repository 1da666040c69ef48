package io.jwtguard.core.verify;

import io.jwtguard.core.jose.Printable;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The claim rules of RFC 7519 and MicroProfile JWT, built from a configuration. The plural
 * factory is the one place that decides which rules a verifier runs; {@code exp} is always
 * among them.
 */
public final class StandardClaimRules {
    private static final List<String> STRING_CLAIMS = List.of("iss", "sub", "jti", "upn", "preferred_username");
    /** Claims that OpenID Connect Core 1.0 section 2 and 3.x define for ID tokens only. */
    private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");
    /**
     * Payload {@code typ} values of access tokens besides the accepted header types: Keycloak's
     * {@code Bearer}, and {@code DPoP} for its DPoP-bound access tokens. Lower case.
     */
    private static final Set<String> ACCESS_TOKEN_KINDS = Set.of("bearer", "dpop");

    private StandardClaimRules() {
    }

    /** @return the rules for {@code config}, in the order they run; unmodifiable */
    public static List<ClaimRule> forConfig(VerifierConfig config) {
        List<ClaimRule> rules = new ArrayList<>();
        rules.add(stringTypes());
        if (config.tokenKindCheck()) {
            rules.add(accessTokenKind(config.acceptedTypes()));
        }
        rules.add(expiration(config.clockSkew()));
        rules.add(notBefore(config.clockSkew()));
        rules.add(issuedAt(config.clockSkew(), config.maxLifetime().orElse(null), config.maxTokenAge().orElse(null)));
        config.issuer().ifPresent(issuer -> rules.add(issuer(issuer)));
        if (!config.audiences().isEmpty()) {
            rules.add(audience(config.audiences()));
        }
        if (!config.requiredClaims().isEmpty()) {
            rules.add(requiredClaims(config.requiredClaims()));
        }
        return List.copyOf(rules);
    }

    /**
     * Registered string claims, when present, must be JSON strings; {@code aud}, when present,
     * must be a string or an array of strings (whether or not audiences are checked).
     */
    public static ClaimRule stringTypes() {
        return (claims, now) -> {
            for (String name : STRING_CLAIMS) {
                JsonValue value = claims.get(name);
                if (value != null && !(value instanceof JsonString)) {
                    throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'" + name + "' is not a string");
                }
            }
            JsonValue aud = claims.get("aud");
            if (aud != null && !(aud instanceof JsonString)) {
                if (!(aud instanceof JsonArray)) {
                    throw new TokenRejectedException(RejectionReason.INVALID_CLAIM,
                            "'aud' is neither a string nor an array of strings");
                }
                for (JsonValue member : (JsonArray) aud) {
                    if (!(member instanceof JsonString)) {
                        throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'aud' has a non-string member");
                    }
                }
            }
        };
    }

    /**
     * The token is an access token, not another kind signed by the same issuer (RFC 8725
     * section 3.11): no claim that only OpenID Connect ID tokens carry ({@code nonce},
     * {@code at_hash}, {@code c_hash}; {@link RejectionReason#ID_TOKEN_CLAIM}); a payload
     * {@code typ}, when present, is an access-token kind ({@code Bearer} or {@code DPoP}, any
     * letter case, as Keycloak writes them, or one of {@code acceptedTypes}), so Keycloak's
     * {@code ID}, {@code Refresh}, {@code Offline} and {@code Logout} tokens are refused; and
     * Amazon Cognito's {@code token_use}, when present, is {@code access}
     * ({@link RejectionReason#TOKEN_KIND_MISMATCH}).
     *
     * @param acceptedTypes the accepted header types, normalised as {@link TokenTypes#normalize(String)}
     */
    public static ClaimRule accessTokenKind(Set<String> acceptedTypes) {
        Set<String> types = Set.copyOf(acceptedTypes);
        return (claims, now) -> {
            for (String name : ID_TOKEN_CLAIMS) {
                if (claims.containsKey(name)) {
                    throw new TokenRejectedException(RejectionReason.ID_TOKEN_CLAIM, "'" + name
                            + "' is an ID token claim");
                }
            }
            JsonValue typ = claims.get("typ");
            if (typ != null && !(typ instanceof JsonString && isAccessTokenKind(((JsonString) typ).getString(), types))) {
                throw new TokenRejectedException(RejectionReason.TOKEN_KIND_MISMATCH,
                        "the 'typ' claim names no access-token kind");
            }
            JsonValue tokenUse = claims.get("token_use");
            if (tokenUse != null && !(tokenUse instanceof JsonString && ((JsonString) tokenUse).getString().equals("access"))) {
                throw new TokenRejectedException(RejectionReason.TOKEN_KIND_MISMATCH, "'token_use' is not 'access'");
            }
        };
    }

    private static boolean isAccessTokenKind(String typ, Set<String> acceptedTypes) {
        if (typ.isEmpty() || !typ.strip().equals(typ)) {
            return false;
        }
        return ACCESS_TOKEN_KINDS.contains(typ.toLowerCase(java.util.Locale.ROOT))
                || acceptedTypes.contains(TokenTypes.normalize(typ));
    }

    /** {@code exp} is required, and now minus skew must be before it. */
    public static ClaimRule expiration(Duration skew) {
        long skewSeconds = skew.toSeconds();
        return (claims, now) -> {
            long exp = NumericDates.read(claims, "exp");
            if (exp == NumericDates.ABSENT) {
                throw new TokenRejectedException(RejectionReason.MISSING_CLAIM, "'exp' is missing");
            }
            if (now.getEpochSecond() - skewSeconds >= exp) {
                throw new TokenRejectedException(RejectionReason.EXPIRED, "expired at " + Instant.ofEpochSecond(exp)
                        + ", " + (now.getEpochSecond() - exp) + " s before now (" + now + "), clock skew " + skewSeconds + " s");
            }
        };
    }

    /** When {@code nbf} is present, now plus skew must not be before it. */
    public static ClaimRule notBefore(Duration skew) {
        long skewSeconds = skew.toSeconds();
        return (claims, now) -> {
            long nbf = NumericDates.read(claims, "nbf");
            if (nbf != NumericDates.ABSENT && now.getEpochSecond() + skewSeconds < nbf) {
                throw new TokenRejectedException(RejectionReason.NOT_YET_VALID,
                        "not valid before " + Instant.ofEpochSecond(nbf) + ", " + (nbf - now.getEpochSecond())
                                + " s after now (" + now + "), clock skew " + skewSeconds + " s");
            }
        };
    }

    /**
     * {@code iat} must not be in the future (beyond skew); when a maximum lifetime or age is set
     * it is required, {@code exp - iat} must not exceed the lifetime and {@code now - iat} must
     * not exceed the age (MicroProfile JWT's {@code mp.jwt.verify.token.age}; no skew is added).
     *
     * @param maxLifetime null for unbounded
     * @param maxAge null for not limited
     */
    public static ClaimRule issuedAt(Duration skew, Duration maxLifetime, Duration maxAge) {
        long skewSeconds = skew.toSeconds();
        long lifetime = maxLifetime == null ? -1 : maxLifetime.toSeconds();
        long age = maxAge == null ? -1 : maxAge.toSeconds();
        return (claims, now) -> {
            long iat = NumericDates.read(claims, "iat");
            if (iat == NumericDates.ABSENT) {
                if (lifetime >= 0 || age >= 0) {
                    throw new TokenRejectedException(RejectionReason.MISSING_CLAIM,
                            "'iat' is missing and a maximum lifetime or age is configured");
                }
                return;
            }
            long nowSeconds = now.getEpochSecond();
            if (iat > nowSeconds + skewSeconds) {
                throw new TokenRejectedException(RejectionReason.ISSUED_IN_FUTURE,
                        "issued at " + Instant.ofEpochSecond(iat) + ", " + (iat - nowSeconds) + " s after now (" + now
                                + "), clock skew " + skewSeconds + " s");
            }
            if (lifetime >= 0) {
                long exp = NumericDates.read(claims, "exp");
                if (exp != NumericDates.ABSENT && exp - iat > lifetime) {
                    throw new TokenRejectedException(RejectionReason.LIFETIME_EXCEEDED,
                            "lifetime of " + (exp - iat) + " s exceeds " + lifetime + " s");
                }
            }
            if (age >= 0 && nowSeconds - iat > age) { // the age limit is itself the tolerance: no skew on top
                throw new TokenRejectedException(RejectionReason.TOO_OLD,
                        "age of " + (nowSeconds - iat) + " s exceeds " + age + " s");
            }
        };
    }

    /** {@code iss} must be exactly {@code expected} (no normalisation, RFC 7519 section 4.1.1). */
    public static ClaimRule issuer(String expected) {
        return (claims, now) -> {
            JsonValue iss = claims.get("iss");
            if (iss == null) {
                throw new TokenRejectedException(RejectionReason.MISSING_CLAIM, "'iss' is missing");
            }
            if (!(iss instanceof JsonString) || !((JsonString) iss).getString().equals(expected)) {
                throw new TokenRejectedException(RejectionReason.ISSUER_MISMATCH, "'iss' is not the configured issuer: "
                        + "expected " + Printable.quoted(expected) + ", got " + describe(iss));
            }
        };
    }

    /**
     * {@code aud} must be a string or a non-empty array of strings, at least one of which is in
     * {@code accepted}.
     */
    public static ClaimRule audience(Set<String> accepted) {
        Set<String> copy = Set.copyOf(accepted);
        return (claims, now) -> {
            JsonValue aud = claims.get("aud");
            if (aud == null) {
                throw new TokenRejectedException(RejectionReason.MISSING_CLAIM, "'aud' is missing");
            }
            if (aud instanceof JsonString) {
                if (copy.contains(((JsonString) aud).getString())) {
                    return;
                }
            } else if (aud instanceof JsonArray && !((JsonArray) aud).isEmpty()) {
                boolean matched = false;
                for (JsonValue v : (JsonArray) aud) {
                    if (!(v instanceof JsonString)) {
                        throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'aud' has a non-string member");
                    }
                    matched |= copy.contains(((JsonString) v).getString());
                }
                if (matched) {
                    return;
                }
            } else {
                throw new TokenRejectedException(RejectionReason.INVALID_CLAIM,
                        "'aud' is neither a string nor a non-empty array of strings");
            }
            throw new TokenRejectedException(RejectionReason.AUDIENCE_MISMATCH, "no 'aud' value is accepted: expected one of "
                    + copy.stream().sorted().map(Printable::quoted).toList() + ", got " + describe(aud));
        };
    }

    /**
     * @param value a claim value from the token (attacker-controlled)
     * @return it for a diagnostic: a string quoted by {@link Printable}, an array as its first five
     *     members and its size, anything else by its JSON type
     */
    static String describe(JsonValue value) {
        if (value instanceof JsonString text) {
            return Printable.quoted(text.getString());
        }
        if (value instanceof JsonArray array) {
            java.util.List<String> shown = new java.util.ArrayList<>();
            for (int i = 0; i < Math.min(5, array.size()); i++) {
                shown.add(describe(array.get(i)));
            }
            return shown + (array.size() > 5 ? " (" + array.size() + " values)" : "");
        }
        return value == null ? "(none)" : "a JSON " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every name in {@code names} must be present (with any value other than JSON null). */
    public static ClaimRule requiredClaims(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return (JsonObject claims, Instant now) -> {
            for (String name : copy) {
                JsonValue value = claims.get(name);
                if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                    throw new TokenRejectedException(RejectionReason.MISSING_CLAIM, "required claim '" + name
                            + "' is missing");
                }
            }
        };
    }
}

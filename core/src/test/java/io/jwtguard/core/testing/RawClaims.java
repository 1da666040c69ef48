package io.jwtguard.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A claims set written as raw JSON member values, so a test can put any JSON (wrong types,
 * huge numbers, fractions, nulls) into any claim and sign it. Starts from the claims of
 * {@link TokenFactory#claims(long)}; immutable, every {@code with*} returns a copy.
 */
public final class RawClaims {
    private final Map<String, String> members;

    private RawClaims(Map<String, String> members) {
        this.members = members;
    }

    /**
     * Claims valid for {@link TestConfigs#rsa()}: issued 10 s before {@link TestConfigs#NOW},
     * expiring 290 s after it, issuer, audience, sub, upn, jti {@code id-1} and two groups.
     */
    public static RawClaims valid() {
        long iat = TestConfigs.NOW.getEpochSecond() - 10;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("iss", quote(TokenFactory.ISSUER));
        m.put("sub", quote("user-1"));
        m.put("upn", quote("jdoe@example.com"));
        m.put("aud", quote(TokenFactory.AUDIENCE));
        m.put("iat", Long.toString(iat));
        m.put("exp", Long.toString(iat + 300));
        m.put("jti", quote("id-1"));
        m.put("groups", "[\"user\",\"admin\"]");
        return new RawClaims(m);
    }

    /** Sets {@code name} to the raw JSON text {@code rawJson} (for example {@code "1.5"}, {@code "[]"}). */
    public RawClaims withRaw(String name, String rawJson) {
        Map<String, String> copy = new LinkedHashMap<>(members);
        copy.put(name, rawJson);
        return new RawClaims(copy);
    }

    /** Sets {@code name} to a JSON string (no escaping: tests pass plain text or their own escapes). */
    public RawClaims withString(String name, String value) {
        return withRaw(name, quote(value));
    }

    /** Sets {@code name} to a JSON integer. */
    public RawClaims with(String name, long value) {
        return withRaw(name, Long.toString(value));
    }

    /** Sets {@code name} to {@link TestConfigs#NOW} plus {@code offsetSeconds}. */
    public RawClaims withTime(String name, long offsetSeconds) {
        return with(name, TestConfigs.NOW.getEpochSecond() + offsetSeconds);
    }

    /** Removes {@code name}. */
    public RawClaims without(String name) {
        Map<String, String> copy = new LinkedHashMap<>(members);
        copy.remove(name);
        return new RawClaims(copy);
    }

    /** @return the claims as JSON text */
    public String json() {
        return members.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** @return an RS256 JWS of these claims signed by {@link TestKeys#RSA_2048}, as {@link TestConfigs#rsa()} trusts */
    public String signRs256() {
        return TokenFactory.sign(TokenFactory.header("RS256"), json(), "RS256", TestKeys.RSA_2048.getPrivate());
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    @Override
    public String toString() {
        return json();
    }
}

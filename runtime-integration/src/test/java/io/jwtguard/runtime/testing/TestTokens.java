package io.jwtguard.runtime.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Mints RS256 tokens with the JDK, the way core's test TokenFactory does: raw header and claims
 * JSON, so tests can write anything. One trusted key pair and one untrusted ("attacker") key pair
 * per test JVM.
 */
public final class TestTokens {
    public static final String ISSUER = "https://issuer.example";
    public static final String AUDIENCE = "orders-api";
    public static final KeyPair TRUSTED = generate();
    public static final KeyPair ATTACKER = generate();

    private final Map<String, String> claims = new LinkedHashMap<>();
    private String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    private PrivateKey key = TRUSTED.getPrivate();

    private TestTokens(long iat) {
        claims.put("iss", quote(ISSUER));
        claims.put("sub", quote("user-1"));
        claims.put("upn", quote("jdoe@example.com"));
        claims.put("aud", quote(AUDIENCE));
        claims.put("iat", Long.toString(iat));
        claims.put("exp", Long.toString(iat + 300));
        claims.put("jti", quote("id-" + System.nanoTime()));
    }

    /** A token issued 5 seconds ago, valid for 5 minutes, without groups. */
    public static TestTokens token() {
        return new TestTokens(Instant.now().getEpochSecond() - 5);
    }

    /** A valid token with the given groups. */
    public static String withGroups(String... groups) {
        return token().groups(groups).sign();
    }

    public TestTokens issuedSecondsAgo(long seconds) {
        long iat = Instant.now().getEpochSecond() - seconds;
        claims.put("iat", Long.toString(iat));
        claims.put("exp", Long.toString(iat + 300));
        return this;
    }

    public TestTokens groups(String... groups) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        for (String g : groups) {
            array.add(quote(g));
        }
        claims.put("groups", array.toString());
        return this;
    }

    /** Sets a claim to raw JSON text. */
    public TestTokens claim(String name, String json) {
        claims.put(name, json);
        return this;
    }

    public TestTokens without(String name) {
        claims.remove(name);
        return this;
    }

    public TestTokens header(String json) {
        this.header = json;
        return this;
    }

    public TestTokens signedBy(PrivateKey privateKey) {
        this.key = privateKey;
        return this;
    }

    public String claimsJson() {
        StringJoiner json = new StringJoiner(",", "{", "}");
        claims.forEach((k, v) -> json.add(quote(k) + ":" + v));
        return json.toString();
    }

    public String sign() {
        String input = b64(header) + "." + b64(claimsJson());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token ({@code alg: none}), the oldest attack. */
    public String unsecured() {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claimsJson()) + ".";
    }

    /** The trusted public key as base64 DER, a value for {@code mp.jwt.verify.publickey}. */
    public static String trustedPublicKey() {
        return Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded());
    }

    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

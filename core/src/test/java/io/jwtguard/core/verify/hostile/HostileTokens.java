package io.jwtguard.core.verify.hostile;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.TokenVerifier;
import java.security.Key;

/**
 * Mints hostile tokens for {@link TestConfigs#rsa()}: valid claims, any header text, and, where
 * needed, any segment text signed exactly as sent (so that only the defence under test can stop
 * the token).
 */
final class HostileTokens {
    /** {@code iat} of every token: 10 seconds before the fixed clock. */
    static final long IAT = TestConfigs.NOW.getEpochSecond() - 10;

    private HostileTokens() {
    }

    /** A verifier for {@link TestConfigs#rsa()}: RSA_2048 without kid, RS256 only. */
    static TokenVerifier rsaVerifier() {
        return TokenVerifier.create(TestConfigs.rsa().build());
    }

    /** Valid claims JSON. */
    static String claims() {
        return TokenFactory.claims(IAT);
    }

    /** {@code headerJson} with valid claims, signed RS256 by the trusted {@link TestKeys#RSA_2048}. */
    static String rs256(String headerJson) {
        return rs256(headerJson, claims());
    }

    /** {@code headerJson.claimsJson}, signed RS256 by the trusted {@link TestKeys#RSA_2048}. */
    static String rs256(String headerJson, String claimsJson) {
        return TokenFactory.sign(headerJson, claimsJson, "RS256", TestKeys.RSA_2048.getPrivate());
    }

    /** {@code headerJson.claimsJson} signed with {@code key} under {@code alg}. */
    static String sign(String headerJson, String claimsJson, String alg, Key key) {
        return TokenFactory.sign(headerJson, claimsJson, alg, key);
    }

    /**
     * Signs the segment text exactly as given (it need not be canonical base64url) RS256 with
     * the trusted key, so the signature is valid over what is sent.
     */
    static String rs256Segments(String headerSegment, String payloadSegment) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + Base64Url.encode(TokenFactory.signature("RS256", TestKeys.RSA_2048.getPrivate(), input));
    }

    /** The segments of a compact token. */
    static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    /** {@code token} with segment {@code index} replaced by {@code value} (no re-signing). */
    static String withSegment(String token, int index, String value) {
        String[] parts = segments(token);
        parts[index] = value;
        return String.join(".", parts);
    }
}

package io.jwtguard.core.refresh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque token values: 256 bits from {@link SecureRandom}, base64url without padding (43
 * characters), and their SHA-256 hash, which is all a store ever keeps. A fast hash suffices:
 * with 256 random bits there is nothing to guess, so a slow password hash would add only cost.
 * Thread-safe.
 */
public final class OpaqueTokens {
    /** Random bytes per token (256 bits). */
    public static final int TOKEN_BYTES = 32;
    /** Length of a token value: base64url of {@link #TOKEN_BYTES} without padding. */
    public static final int TOKEN_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private OpaqueTokens() {
    }

    /** @return a new random token value */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** @return a new random identifier of 128 bits (families, {@code jti}); not secret */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** @return whether {@code value} has the shape of one of our tokens (length and alphabet) */
    public static boolean wellFormed(String value) {
        if (value == null || value.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** @return base64url SHA-256 of the token value: the store's key */
    public static String hash(String token) {
        try {
            return ENCODER.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}

package io.jwtguard.runtime.http;

import io.jwtguard.core.verify.UnverifiedTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, one-way fingerprint of a token for logs and events: the first 16 hex digits (64 bits)
 * of its SHA-256. Enough to correlate repeated attempts with one token, useless for replaying
 * it. An ECDSA-signed token (ES256, ES384, ES512) has a second valid spelling that anyone can
 * derive, (r, n - s) for (r, s); both get the digest of the low-S spelling, so that the twin
 * cannot pass for another token. Every other token is hashed exactly as sent. Stateless and
 * thread-safe.
 */
public final class TokenDigest {
    private static final int HEX_DIGITS = 16;

    private TokenDigest() {
    }

    /**
     * @param token the token as sent, not null
     * @return 16 lowercase hex digits
     */
    public static String of(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(UnverifiedTokens.canonicalSpelling(token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

package io.jwtguard.core.dpop;

import io.jwtguard.core.jose.Base64Url;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-provided DPoP nonces (RFC 9449 sections 8 and 9), stateless: the nonce of a time window is
 * the first 128 bits of {@code HMAC-SHA256(secret, "jwtguard-dpop-nonce:" + window)}, base64url (22
 * characters), where {@code window = floor(epoch seconds / lifetime)}. A proof's {@code nonce} is
 * accepted when it is the nonce of the current window, the one before (so a nonce handed out just
 * before the window turns still works for a full lifetime) or the one after (for nodes whose clocks
 * differ slightly): a nonce is good for one to two lifetimes. Nothing is stored, so every node that
 * shares the secret hands out and accepts the same nonces; without a configured secret each process
 * draws its own, and nodes behind a load balancer then refuse each other's nonces (the client gets a
 * fresh one with the refusal and retries, but may bounce between nodes).
 *
 * <p>A nonce bounds the life of a proof by the server's clock, whatever {@code iat} the client wrote
 * (section 11.1): a proof signed ahead of time by malicious code in the page stops working when its
 * nonce expires. It is not single-use; the {@code jti} replay cache stays in force.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class DPoPNonces {
    /** Default {@link #lifetime()}: five minutes. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** The shortest lifetime accepted. */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(10);
    /** The longest lifetime accepted. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** The fewest characters (UTF-8 bytes) a configured secret has: 256 bits. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** Nonces off: proofs need none, and {@link #current(Instant)} is never called. */
    public static final DPoPNonces OFF = new DPoPNonces(false, null, DEFAULT_LIFETIME, false);

    private static final byte[] LABEL = "jwtguard-dpop-nonce:".getBytes(StandardCharsets.US_ASCII);

    private final boolean required;
    private final SecretKeySpec secret;
    private final Duration lifetime;
    private final boolean configuredSecret;

    private DPoPNonces(boolean required, byte[] secret, Duration lifetime, boolean configuredSecret) {
        this.required = required;
        this.secret = secret == null ? null : new SecretKeySpec(secret, "HmacSHA256");
        this.lifetime = lifetime;
        this.configuredSecret = configuredSecret;
    }

    /**
     * Nonces required, with a shared secret: every node configured with it agrees.
     *
     * @param secret at least {@value #MIN_SECRET_LENGTH} bytes, copied
     * @param lifetime how long a window lasts, {@link #MIN_LIFETIME} to {@link #MAX_LIFETIME}
     * @throws IllegalArgumentException naming the parameter when a value is unusable
     */
    public static DPoPNonces required(byte[] secret, Duration lifetime) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("secret: at least " + MIN_SECRET_LENGTH + " bytes are needed");
        }
        return new DPoPNonces(true, secret.clone(), checked(lifetime), true);
    }

    /**
     * Nonces required, with a secret drawn at random for this process: fine for one node.
     *
     * @param lifetime how long a window lasts, {@link #MIN_LIFETIME} to {@link #MAX_LIFETIME}
     */
    public static DPoPNonces requiredPerProcess(Duration lifetime) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DPoPNonces(true, secret, checked(lifetime), false);
    }

    private static Duration checked(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime: must be between " + MIN_LIFETIME.toSeconds() + " and "
                    + MAX_LIFETIME.toSeconds() + " seconds; the default is " + DEFAULT_LIFETIME.toSeconds());
        }
        return Duration.ofSeconds(lifetime.toSeconds());
    }

    /** @return whether every proof must carry a valid server nonce */
    public boolean required() {
        return required;
    }

    /** @return how long one nonce window lasts */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * @param now the current time, not null
     * @return the nonce to hand out now, in a {@code DPoP-Nonce} header
     * @throws IllegalStateException when nonces are off
     */
    public String current(Instant now) {
        return nonce(window(now));
    }

    /**
     * @param nonce a proof's {@code nonce} claim, may be null
     * @param now the current time, not null
     * @return whether it is the nonce of the current, previous or next window (compared in constant time)
     */
    public boolean valid(String nonce, Instant now) {
        if (nonce == null || !required) {
            return false;
        }
        byte[] presented = nonce.getBytes(StandardCharsets.UTF_8);
        long window = window(now);
        boolean match = false;
        for (long w = window - 1; w <= window + 1; w++) {
            // no early exit: the time taken says nothing about which window matched
            match |= MessageDigest.isEqual(presented, nonce(w).getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private long window(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), lifetime.getSeconds());
    }

    private String nonce(long window) {
        if (secret == null) {
            throw new IllegalStateException("DPoP nonces are off");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            mac.update(LABEL);
            byte[] digest = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array());
            return Base64Url.encode(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return required ? "DPoPNonces[required, lifetime=" + lifetime + ", secret="
                + (configuredSecret ? "configured" : "per process") + "]" : "DPoPNonces[off]";
    }
}

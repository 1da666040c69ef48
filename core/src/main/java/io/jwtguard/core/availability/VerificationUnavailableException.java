package io.jwtguard.core.availability;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server cannot verify tokens right now: its keys cannot be obtained (key endpoint
 * unreachable, key file unreadable or unusable, a refresh for an unknown {@code kid} that is
 * rate-limited or failed), or the revocation store cannot be read. This is "we are broken" (or
 * "we cannot tell yet"), not "the token is bad": the edge answers 503 with {@code Retry-After},
 * never 401. What failed is a value ({@link #source()}), never to be inferred from the message
 * or the cause.
 *
 * <p>Immutable.
 */
public final class VerificationUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What could not be reached. */
    public enum Source {
        /** the verification keys (a key source) */
        KEYS,
        /** the revocation store */
        REVOCATION_STORE,
        /** what an application claim rule needs to decide (its own directory, database or service) */
        APPLICATION_RULE,
        /**
         * the DPoP replay cache: it is full of proofs that have not expired yet, and forgetting one
         * would let it be replayed, so new proofs wait (RFC 9449, section 11.1)
         */
        DPOP_REPLAY_CACHE
    }

    private final Source source;
    /** Null when the source has no better idea than the edge's configured {@code Retry-After}. */
    private final Duration retryAfter;

    /**
     * @param source what failed, not null
     * @param message diagnostic for logs, naming the key source or store; never key material or
     *     credentials
     * @param cause the underlying failure, may be null
     */
    public VerificationUnavailableException(Source source, String message, Throwable cause) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.retryAfter = null;
    }

    /**
     * @param source what failed, not null
     * @param message diagnostic for logs, naming the key source or store; never key material or
     *     credentials
     * @param cause the underlying failure, may be null
     * @param retryAfter when the source expects to be able to answer (for example when a
     *     rate-limited refresh is allowed again), positive
     */
    public VerificationUnavailableException(Source source, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive");
        }
        this.retryAfter = retryAfter;
    }

    /** @return what could not be reached, never null */
    public Source source() {
        return source;
    }

    /**
     * @return how long the caller should wait before trying again, when the source knows (a
     *     rate-limited refresh); empty when the edge's configured {@code Retry-After} applies
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

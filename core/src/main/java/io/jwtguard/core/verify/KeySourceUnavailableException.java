package io.jwtguard.core.verify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server cannot verify tokens right now because its keys cannot be obtained (key endpoint
 * unreachable, key file unreadable or unusable), or because it could not yet look for the key a
 * token names (a refresh for an unknown {@code kid} that is rate-limited or failed). This is
 * "we are broken" (or "we cannot tell yet"), not "the token is bad": the edge answers 503 with
 * {@code Retry-After}, never 401.
 */
public final class KeySourceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Null when the source has no better idea than the edge's configured {@code Retry-After}. */
    private final Duration retryAfter;

    /**
     * @param message diagnostic for logs, naming the key source; never key material or credentials
     * @param cause the underlying failure, may be null
     */
    public KeySourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /**
     * @param message diagnostic for logs, naming the key source; never key material or credentials
     * @param cause the underlying failure, may be null
     * @param retryAfter when the source expects to be able to answer (for example when a rate-limited
     *     refresh is allowed again), positive
     */
    public KeySourceUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive");
        }
        this.retryAfter = retryAfter;
    }

    /**
     * @return how long the caller should wait before trying again, when the source knows (a
     *     rate-limited refresh); empty when the edge's configured {@code Retry-After} applies
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

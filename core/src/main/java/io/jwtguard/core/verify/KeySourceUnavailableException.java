package io.jwtguard.core.verify;

/**
 * The server cannot verify tokens right now because its keys cannot be obtained (key endpoint
 * unreachable, key file unreadable or unusable). This is "we are broken", not "the token is
 * bad": the edge answers 503 with {@code Retry-After}, never 401.
 */
public final class KeySourceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message diagnostic for logs, naming the key source; never key material
     * @param cause the underlying failure, may be null
     */
    public KeySourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jwtguard.core.store;

/**
 * The store cannot be read or written right now (database down, pool exhausted, timeout). This
 * is "we are broken", never "the token is bad": callers fail closed (no refresh is granted, no
 * token is accepted on a stale revocation list) and the edge answers 503.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message diagnostic for logs; never a token, token hash or credential
     * @param cause the underlying failure, may be null
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

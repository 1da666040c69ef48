package io.jwtguard.runtime.observe;

/**
 * Told about every rejected request and every key outage. Implementations must be thread-safe,
 * fast and must not throw (an exception is logged and ignored).
 */
public interface RejectionListener {
    /** @param event the rejection, not null */
    void rejected(TokenRejected event);

    /** Called when a token could not be checked because keys were unavailable (HTTP 503). */
    default void keysUnavailable() {
    }
}

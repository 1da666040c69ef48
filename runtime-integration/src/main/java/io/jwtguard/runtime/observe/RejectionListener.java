package io.jwtguard.runtime.observe;

import io.jwtguard.core.availability.VerificationUnavailableException;

/**
 * Told about every rejected request and every outage that made a request fail with 503. Implementations must be thread-safe,
 * fast and must not throw (an exception is logged and ignored).
 */
public interface RejectionListener {
    /** @param event the rejection, not null */
    void rejected(TokenRejected event);

    /**
     * Called when a token could not be checked (HTTP 503) because something verification needs
     * was unavailable: the keys, the revocation store, or an application rule's own source.
     *
     * @param source what was unavailable, not null
     */
    default void unavailable(VerificationUnavailableException.Source source) {
    }
}

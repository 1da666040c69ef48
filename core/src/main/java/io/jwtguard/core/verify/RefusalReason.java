package io.jwtguard.core.verify;

/**
 * Why a request or its token was refused, as a response, a log line and a metric say it: a
 * stable upper-case code, an RFC 6750 error code with its HTTP status, and a fixed description
 * that is safe to show to a client. Two closed sets implement it: the verifier's
 * {@link RejectionReason} (the token is bad) and the runtime's reasons decided at the resource
 * (a missing role or scope, a stale token, several tokens in one request).
 *
 * <p>Implementations are enums: immutable, and equal only to themselves.
 */
public interface RefusalReason {
    /** @return the stable code, for example {@code EXPIRED} or {@code MISSING_ROLE} */
    String name();

    /** @return the RFC 6750 error code, never null */
    BearerErrorCode errorCode();

    /** @return the HTTP status that a response for this reason carries */
    default int httpStatus() {
        return errorCode().httpStatus();
    }

    /**
     * @return a fixed, client-safe description, suitable for {@code error_description}: printable
     *     ASCII without quotes or backslashes, and never any part of a token
     */
    String description();
}

package io.jwtguard.core.refresh;

/**
 * Why a refresh was refused: a closed set. Each maps to an RFC 6749 section 5.2 error code (the DPoP
 * reasons to RFC 9449's {@code invalid_dpop_proof}); the
 * description sent to the client is the same for every {@code invalid_grant} reason, so a
 * response never reveals whether a token existed, expired, was reused or belongs to someone else.
 */
public enum RefreshFailure {
    /** No token with this value is stored (never issued, mistyped, or purged). */
    UNKNOWN_TOKEN("invalid_grant"),
    /** The token's idle expiry passed. */
    IDLE_EXPIRED("invalid_grant"),
    /** The family's absolute expiry passed. */
    ABSOLUTE_EXPIRED("invalid_grant"),
    /** The family was revoked (logout, admin, or earlier reuse). */
    FAMILY_REVOKED("invalid_grant"),
    /** The token had been rotated already: the family is now revoked (reuse detection). */
    REUSE_DETECTED("invalid_grant"),
    /** The token belongs to another client. */
    CLIENT_MISMATCH("invalid_grant"),
    /** The request asked for scope beyond the grant's (RFC 6749 section 6). */
    SCOPE_EXCEEDED("invalid_scope"),
    /** The request has no refresh token, or one that is not of our format. */
    MALFORMED_REQUEST("invalid_request"),
    /**
     * The family is bound to a DPoP key (RFC 9449 section 5) and the request carries no valid DPoP
     * proof. Nothing changes: the token stays usable by the key's holder.
     */
    DPOP_PROOF_REQUIRED("invalid_dpop_proof"),
    /**
     * The family is bound to a DPoP key and the request's proof was made with another key: a stolen
     * refresh token used without the key. Nothing is rotated or revoked, so whoever lacks the key
     * cannot end the legitimate client's session (event {@link RefreshEventType#DPOP_KEY_MISMATCH}).
     */
    DPOP_KEY_MISMATCH("invalid_dpop_proof");

    private static final String GRANT_DESCRIPTION = "The refresh token is invalid, expired or revoked";

    private final String errorCode;

    RefreshFailure(String errorCode) {
        this.errorCode = errorCode;
    }

    /**
     * @return the RFC 6749 error code: {@code invalid_grant}, {@code invalid_scope} or
     *     {@code invalid_request}; {@code invalid_dpop_proof} for the DPoP reasons (RFC 9449 section 5)
     */
    public String errorCode() {
        return errorCode;
    }

    /** @return a fixed, client-safe description that never distinguishes the invalid_grant reasons */
    public String description() {
        switch (this) {
            case SCOPE_EXCEEDED:
                return "The requested scope exceeds the granted scope";
            case MALFORMED_REQUEST:
                return "The request has no usable refresh token";
            case DPOP_PROOF_REQUIRED:
                return "The refresh token is bound to a DPoP key: send a DPoP proof made with that key";
            case DPOP_KEY_MISMATCH:
                return "The DPoP proof was not made with the key the refresh token is bound to";
            default:
                return GRANT_DESCRIPTION;
        }
    }

    /** @return the HTTP status of the token endpoint's error response (RFC 6749 section 5.2: 400) */
    public int httpStatus() {
        return 400;
    }
}

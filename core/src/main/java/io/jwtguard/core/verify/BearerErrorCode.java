package io.jwtguard.core.verify;

/**
 * The error codes of RFC 6750, section 3.1, and RFC 9449, section 7.1 ({@code invalid_dpop_proof}),
 * with the HTTP status each one travels with.
 *
 * <p>This is the only place where the RFC 6750 and RFC 9449 error vocabulary is spelled out.
 */
public enum BearerErrorCode {
    /** The request is malformed (for example it carries more than one token): HTTP 400. */
    INVALID_REQUEST("invalid_request", 400),
    /** The token is expired, revoked, malformed or otherwise invalid: HTTP 401. */
    INVALID_TOKEN("invalid_token", 401),
    /** The token is valid but lacks the privileges the resource needs: HTTP 403. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    /**
     * The DPoP proof is missing, malformed or invalid (RFC 9449, sections 7.1 and 12.2): HTTP 401,
     * answered with a {@code DPoP} challenge.
     */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 401),
    /**
     * The DPoP proof lacks the current server nonce (RFC 9449 section 9): HTTP 401 with a
     * {@code DPoP} challenge and a fresh nonce in the {@code DPoP-Nonce} header.
     */
    USE_DPOP_NONCE("use_dpop_nonce", 401);

    private final String code;
    private final int httpStatus;

    BearerErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** @return the value of the {@code error} attribute of {@code WWW-Authenticate}, never null */
    public String code() {
        return code;
    }

    /** @return the HTTP status code that goes with this error */
    public int httpStatus() {
        return httpStatus;
    }
}

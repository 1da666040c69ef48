package io.jwtguard.runtime.http;

import io.jwtguard.core.verify.BearerErrorCode;
import io.jwtguard.core.verify.RefusalReason;

/**
 * Why the runtime refused a request whose token, if any, the verifier did not object to: the
 * request itself (several tokens) or what the resource requires (a role, a scope, a claim value,
 * a fresher token). A closed set; the verifier's reasons are
 * {@link io.jwtguard.core.verify.RejectionReason}.
 */
public enum RequestRefusal implements RefusalReason {
    /** The request carries more than one token (RFC 6750 section 2: one method, one token). */
    MULTIPLE_TOKENS(BearerErrorCode.INVALID_REQUEST, "The request carries more than one token"),
    /** The token is older than the resource allows; the client must obtain a fresh one (step-up). */
    STALE_FOR_RESOURCE(BearerErrorCode.INVALID_TOKEN, "The token is too old for this resource"),
    /** The token lacks a scope that the resource requires. */
    INSUFFICIENT_SCOPE(BearerErrorCode.INSUFFICIENT_SCOPE, "The token lacks a required scope"),
    /** The token's groups hold none of the roles the resource allows. */
    MISSING_ROLE(BearerErrorCode.INSUFFICIENT_SCOPE, "The token lacks a required role"),
    /** A claim value the resource requires is absent. */
    CLAIM_VALUE_MISMATCH(BearerErrorCode.INSUFFICIENT_SCOPE, "The token lacks a required claim value"),
    /** The resource carries {@code @RequireDPoP} and the token came as a bearer token (answered with a DPoP challenge). */
    DPOP_REQUIRED_FOR_RESOURCE(BearerErrorCode.INVALID_TOKEN, "This resource requires a DPoP-bound token"),
    /**
     * The token is bound to a TLS client certificate ({@code cnf.x5t#S256}, RFC 8705) and the
     * connection presented none (no mutual TLS, or TLS ended at a proxy).
     */
    CERTIFICATE_MISSING(BearerErrorCode.INVALID_TOKEN, "The token is bound to a client certificate the request lacks"),
    /** The token's {@code cnf.x5t#S256} is not the thumbprint of the connection's client certificate. */
    CERTIFICATE_MISMATCH(BearerErrorCode.INVALID_TOKEN, "The token is bound to another client certificate");

    private final BearerErrorCode errorCode;
    private final String description;

    RequestRefusal(BearerErrorCode errorCode, String description) {
        this.errorCode = errorCode;
        this.description = description;
    }

    @Override
    public BearerErrorCode errorCode() {
        return errorCode;
    }

    @Override
    public String description() {
        return description;
    }
}

package io.jwtguard.core.dpop;

import io.jwtguard.core.verify.BearerErrorCode;
import io.jwtguard.core.verify.RefusalReason;

/**
 * Why a DPoP request was refused (RFC 9449): a closed set, each member with its error code, HTTP
 * status and a fixed, client-safe description that never contains any part of the proof or token.
 *
 * <p>The proof's own failures are {@code invalid_dpop_proof} (section 7.1) and are answered with a
 * {@code DPoP} challenge; a missing or stale server nonce is {@code use_dpop_nonce} (section 9). A
 * bound token presented as a bearer token is {@code invalid_token} (section 7.1: the bearer scheme cannot carry it); a bearer token where DPoP is required and a
 * token whose {@code cnf.jkt} is not the proof's key are {@code invalid_token} as well, since the
 * token, not the proof, is what does not fit.
 */
public enum DPoPRefusal implements RefusalReason {
    /** {@code Authorization: DPoP} without a {@code DPoP} header. */
    DPOP_PROOF_MISSING(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is missing"),
    /** More than one {@code DPoP} header, or one header holding several comma-joined values. */
    DPOP_PROOF_MULTIPLE(BearerErrorCode.INVALID_DPOP_PROOF, "The request carries more than one DPoP proof"),
    /** The proof is larger than the configured maximum; checked before any decoding. */
    DPOP_PROOF_SIZE_EXCEEDED(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is too large"),
    /**
     * Not a compact JWS of three parts, non-canonical base64url, not strict JSON, a repeated member,
     * or a required member missing or of the wrong type.
     */
    DPOP_PROOF_MALFORMED(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is malformed"),
    /** The header {@code typ} is not {@code dpop+jwt}. */
    DPOP_PROOF_TYPE(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof type is not dpop+jwt"),
    /** {@code none}, a symmetric algorithm, or an algorithm outside the configured allow-list. */
    DPOP_PROOF_ALGORITHM(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof algorithm is not accepted"),
    /**
     * The {@code jwk} header is missing, carries private key members, is not a usable public key,
     * does not fit the algorithm, or is an RSA key under 2048 bits.
     */
    DPOP_PROOF_KEY(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof key is not accepted"),
    /** The signature does not verify with the proof's own key. */
    DPOP_PROOF_SIGNATURE(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof signature is invalid"),
    /** {@code htm} is not the request's method. */
    DPOP_PROOF_METHOD(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is for another HTTP method"),
    /** {@code htu} is not the request's URI (without query and fragment, after normalisation). */
    DPOP_PROOF_URI(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is for another URI"),
    /** {@code iat} is older than the allowed proof age. */
    DPOP_PROOF_STALE(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is too old"),
    /** {@code iat} is later than now plus the clock skew. */
    DPOP_PROOF_FUTURE(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof was issued in the future"),
    /**
     * Server nonces are required ({@code jwtguard.dpop.nonce=required}) and the proof has no
     * {@code nonce}, or one that is not current (RFC 9449 sections 8 and 9): {@code use_dpop_nonce},
     * answered with a fresh nonce in the {@code DPoP-Nonce} header.
     */
    DPOP_USE_NONCE(BearerErrorCode.USE_DPOP_NONCE, "The DPoP proof needs the current server nonce"),
    /** The proof's {@code jti} was already used with this key within the proof age. */
    DPOP_PROOF_REPLAYED(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof was already used"),
    /** {@code ath} is missing or is not the hash of the access token. */
    DPOP_PROOF_ATH(BearerErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is for another access token"),
    /** The access token's {@code cnf.jkt} is not the thumbprint of the proof's key, or the token is not bound. */
    DPOP_BINDING_MISMATCH(BearerErrorCode.INVALID_TOKEN, "The access token is not bound to the DPoP proof key"),
    /** A token bound to a key ({@code cnf.jkt}) presented with the {@code Bearer} scheme (RFC 9449 section 7.1). */
    DPOP_BOUND_TOKEN_AS_BEARER(BearerErrorCode.INVALID_TOKEN, "A DPoP-bound token must be sent with the DPoP scheme"),
    /** A bearer token where the configuration or the resource requires DPoP. */
    DPOP_REQUIRED(BearerErrorCode.INVALID_TOKEN, "This resource requires a DPoP-bound token"),
    /** {@code Authorization: DPoP} while DPoP is off. */
    DPOP_NOT_ENABLED(BearerErrorCode.INVALID_REQUEST, "DPoP is not enabled on this server");

    private final BearerErrorCode errorCode;
    private final String description;

    DPoPRefusal(BearerErrorCode errorCode, String description) {
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

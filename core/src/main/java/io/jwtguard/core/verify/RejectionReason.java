package io.jwtguard.core.verify;

/**
 * Why the verifier refused a token: a closed set, each member mapped to an RFC 6750 error code,
 * an HTTP status and a fixed description that is safe to show to a client (it never contains
 * any part of the token). Reasons decided at the resource (roles, scopes, freshness) belong to
 * the runtime; both implement {@link RefusalReason}.
 *
 * <p>Callers branch on the reason, never on exception messages.
 */
public enum RejectionReason implements RefusalReason {
    /** The token is longer than the configured maximum size; checked before any decoding. */
    SIZE_EXCEEDED(BearerErrorCode.INVALID_TOKEN, "The token is too large"),
    /** Wrong number of segments, empty header or payload, or an empty signature. */
    MALFORMED_TOKEN(BearerErrorCode.INVALID_TOKEN, "The token is not a well-formed compact JWS or JWE"),
    /** A segment is not canonical, unpadded base64url, or a decoded segment is not UTF-8. */
    MALFORMED_ENCODING(BearerErrorCode.INVALID_TOKEN, "The token is not canonically base64url encoded"),
    /** A header or the claims set is not a JSON object, or is nested too deeply. */
    MALFORMED_JSON(BearerErrorCode.INVALID_TOKEN, "The token header or claims are not valid JSON"),
    /** A JSON object in the header or claims repeats a member name. */
    DUPLICATE_MEMBER(BearerErrorCode.INVALID_TOKEN, "The token repeats a JSON member name"),
    /** The header names the {@code none} algorithm, in any spelling. */
    ALGORITHM_NONE(BearerErrorCode.INVALID_TOKEN, "Unsecured tokens are not accepted"),
    /** The algorithm is missing, unknown, or not in the configured allow-list. */
    ALGORITHM_NOT_ALLOWED(BearerErrorCode.INVALID_TOKEN, "The token algorithm is not accepted"),
    /** The header offers key material or a key location ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
    KEY_IN_HEADER(BearerErrorCode.INVALID_TOKEN, "Keys offered by the token are not accepted"),
    /** A {@code crit} header that is malformed or names an extension this verifier does not understand. */
    UNSUPPORTED_CRITICAL_HEADER(BearerErrorCode.INVALID_TOKEN, "The token has an unsupported critical header"),
    /** The header asks for an unencoded payload ({@code b64: false}, RFC 7797). */
    UNENCODED_PAYLOAD(BearerErrorCode.INVALID_TOKEN, "Unencoded payloads are not accepted"),
    /** A header member has the wrong JSON type (for example a numeric {@code kid}). */
    MALFORMED_HEADER(BearerErrorCode.INVALID_TOKEN, "The token header is invalid"),
    /** The {@code typ} header is not one of the accepted access-token types. */
    TYPE_NOT_ACCEPTED(BearerErrorCode.INVALID_TOKEN, "The token type is not accepted"),
    /**
     * The claims carry a member that only OpenID Connect ID tokens have ({@code nonce},
     * {@code at_hash}, {@code c_hash}): an ID token is not an access token.
     */
    ID_TOKEN_CLAIM(BearerErrorCode.INVALID_TOKEN, "ID tokens are not accepted as access tokens"),
    /**
     * A claim that names the token's kind names another one: a payload {@code typ} other than an
     * access-token kind (Keycloak's {@code ID}, {@code Refresh}, {@code Logout}, ...) or a
     * {@code token_use} other than {@code access}.
     */
    TOKEN_KIND_MISMATCH(BearerErrorCode.INVALID_TOKEN, "The token is not an access token"),
    /** No trusted key fits the token's algorithm and {@code kid}. */
    NO_MATCHING_KEY(BearerErrorCode.INVALID_TOKEN, "No trusted key matches the token"),
    /** The signature does not verify, or has the wrong length or encoding for its algorithm. */
    INVALID_SIGNATURE(BearerErrorCode.INVALID_TOKEN, "The token signature is invalid"),
    /** A JWE was presented but encrypted tokens are not configured, or it uses a refused algorithm, encryption or compression. */
    ENCRYPTION_NOT_ACCEPTED(BearerErrorCode.INVALID_TOKEN, "The token encryption is not accepted"),
    /** Decryption is configured, so only encrypted tokens are accepted, and this one is not encrypted. */
    ENCRYPTION_REQUIRED(BearerErrorCode.INVALID_TOKEN, "The token must be encrypted"),
    /** The JWE could not be decrypted with the configured key. */
    DECRYPTION_FAILED(BearerErrorCode.INVALID_TOKEN, "The token could not be decrypted"),
    /** The JWE does not contain a signed JWT ({@code cty: JWT}) and decrypt-only tokens are not accepted. */
    NESTED_TOKEN_REQUIRED(BearerErrorCode.INVALID_TOKEN, "The encrypted token must contain a signed token"),
    /** A registered claim has the wrong JSON type or an out-of-range value. */
    INVALID_CLAIM(BearerErrorCode.INVALID_TOKEN, "The token has an invalid claim"),
    /** A claim that is always or by configuration required is absent. */
    MISSING_CLAIM(BearerErrorCode.INVALID_TOKEN, "The token lacks a required claim"),
    /** {@code exp} is not after now minus the allowed clock skew. */
    EXPIRED(BearerErrorCode.INVALID_TOKEN, "The token is expired"),
    /** {@code nbf} is after now plus the allowed clock skew. */
    NOT_YET_VALID(BearerErrorCode.INVALID_TOKEN, "The token is not yet valid"),
    /** {@code iat} is after now plus the allowed clock skew. */
    ISSUED_IN_FUTURE(BearerErrorCode.INVALID_TOKEN, "The token was issued in the future"),
    /** {@code exp - iat} exceeds the configured maximum lifetime. */
    LIFETIME_EXCEEDED(BearerErrorCode.INVALID_TOKEN, "The token lifetime exceeds the allowed maximum"),
    /** {@code now - iat} exceeds the configured maximum token age. */
    TOO_OLD(BearerErrorCode.INVALID_TOKEN, "The token is too old"),
    /** {@code iss} is not exactly the configured issuer. */
    ISSUER_MISMATCH(BearerErrorCode.INVALID_TOKEN, "The token issuer is not accepted"),
    /** No {@code aud} value is one of the configured audiences. */
    AUDIENCE_MISMATCH(BearerErrorCode.INVALID_TOKEN, "The token audience is not accepted"),
    /**
     * An application's own claim rule refused the token (a tenant, {@code azp}, {@code acr} or any
     * other check added through {@link VerifierConfigBuilder#claimRule(ClaimRule)}, configuration
     * or a CDI bean); {@link TokenRejectedException#ruleCode()} says which rule. One member for
     * every application rule, so that the set of reasons (and the metrics keyed by it) stays closed.
     */
    CUSTOM_RULE(BearerErrorCode.INVALID_TOKEN, "The token does not satisfy a rule of this application"),
    /** The token, its subject or its grant was revoked. */
    REVOKED(BearerErrorCode.INVALID_TOKEN, "The token has been revoked");

    private final BearerErrorCode errorCode;
    private final String description;

    RejectionReason(BearerErrorCode errorCode, String description) {
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

package io.jwtguard.core.verify;

/**
 * The things the posture check can find. A finding whose code is {@link #acknowledgeable()} can
 * be accepted deliberately by listing the code in {@code jwtguard.posture.acknowledge}.
 */
public enum FindingCode {
    /** No issuer is configured, so tokens of any issuer trusted by the keys are accepted. */
    NO_ISSUER(true),
    /** No audience is configured, so tokens meant for other services are accepted. */
    NO_AUDIENCE(true),
    /** An RSA key has fewer than 2048 bits. */
    WEAK_RSA_KEY(true),
    /** The HMAC secret is shorter than the output of its hash (RFC 7518 section 3.2). */
    SHORT_HMAC_SECRET(true),
    /** No maximum token lifetime: a token may be valid for years. */
    UNBOUNDED_LIFETIME(true),
    /** The clock skew exceeds the configured upper bound. */
    SKEW_OVER_BOUND(true),
    /** JWE whose plaintext is a bare claims set, signed by nobody; only the mp-compat profile accepts it. */
    DECRYPT_ONLY(false),
    /** Tokens of another kind (ID, refresh, logout tokens) are not refused by their claims. */
    TOKEN_KIND_UNCHECKED(false),
    /** The mp-compat profile is active. */
    MP_COMPAT_PROFILE(false),
    /**
     * This application's token service signs under the issuer whose tokens are also verified with
     * other keys (an identity provider's): its tokens and the provider's cannot be told apart.
     */
    TOKEN_SERVICE_SHARES_ISSUER(false),
    /** Which JCA provider computes the signatures and why (information, always present). */
    CRYPTO_PROVIDER(false);

    private final boolean acknowledgeable;

    FindingCode(boolean acknowledgeable) {
        this.acknowledgeable = acknowledgeable;
    }

    /** @return whether listing this code in {@code jwtguard.posture.acknowledge} accepts it */
    public boolean acknowledgeable() {
        return acknowledgeable;
    }
}

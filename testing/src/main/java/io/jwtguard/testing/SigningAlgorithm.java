package io.jwtguard.testing;

/** The signing algorithms a {@link TestIssuer} has keys for: one per key type. */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256, a 2048-bit RSA key. */
    RS256("RS256"),
    /** ECDSA on P-256 with SHA-256. */
    ES256("ES256"),
    /** EdDSA with an Ed25519 key. */
    EDDSA("EdDSA"),
    /** HMAC with SHA-256, a 256-bit secret (the application must be given the secret). */
    HS256("HS256");

    private final String jose;

    SigningAlgorithm(String jose) {
        this.jose = jose;
    }

    /** @return the JOSE name, as in a token's {@code alg} header */
    public String jose() {
        return jose;
    }
}

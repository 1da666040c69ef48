package io.jwtguard.core.jose;

/** The kind of key an algorithm needs; a key can only ever serve algorithms of its own family. */
public enum KeyFamily {
    /** RSA public keys: RS* and PS*. */
    RSA,
    /** Elliptic-curve public keys on P-256, P-384 or P-521: ES256, ES384, ES512 respectively. */
    EC,
    /** Ed25519 public keys: EdDSA. */
    ED25519,
    /** Shared secrets: HS*. Never a public key, so a public key can never be used as an HMAC secret. */
    SECRET
}

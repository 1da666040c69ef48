package io.jwtguard.core.issue;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One key of a {@link SigningKeyRing}: a private key that signs, its public key, its {@code kid}
 * and its schedule. Immutable; {@link #toString()} never shows key material.
 */
public final class SigningKey {
    private final String keyId;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final JwsAlgorithm algorithm;
    private final Instant publishedAt;
    private final Instant activeFrom;
    private final VerificationKey verificationKey;

    /**
     * @param keyId the {@code kid}, not null
     * @param privateKey signs, not null
     * @param publicKey verifies, not null; must fit {@code algorithm}
     * @param algorithm the JWS algorithm this key signs with, not null
     * @param publishedAt when its public key was first published, not null
     * @param activeFrom when it may start signing (not before {@code publishedAt}), not null
     * @throws IllegalArgumentException if the public key does not fit the algorithm
     */
    public SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey, JwsAlgorithm algorithm,
            Instant publishedAt, Instant activeFrom) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.publishedAt = Objects.requireNonNull(publishedAt, "publishedAt");
        this.activeFrom = Objects.requireNonNull(activeFrom, "activeFrom");
        if (activeFrom.isBefore(publishedAt)) {
            throw new IllegalArgumentException("a key cannot sign before it is published");
        }
        VerificationKey verification = VerificationKey.ofPublicKey(keyId, publicKey);
        if (verification.family() == io.jwtguard.core.jose.KeyFamily.RSA && verification.strengthBits() < 2048) {
            throw new IllegalArgumentException("key " + keyId + " is an RSA key under 2048 bits");
        }
        if (!verification.supports(algorithm)) {
            throw new IllegalArgumentException("key " + keyId + " cannot sign " + algorithm);
        }
        this.verificationKey = verification.restrictedTo(algorithm);
    }

    /** @return the {@code kid} */
    public String keyId() {
        return keyId;
    }

    /** @return the private key; never log or serialise it */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the public key */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** @return the algorithm it signs with */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** @return when its public key was first published */
    public Instant publishedAt() {
        return publishedAt;
    }

    /** @return when it may start signing */
    public Instant activeFrom() {
        return activeFrom;
    }

    /** @return the public key as a verification key, bound to its {@code kid} and algorithm */
    public VerificationKey verificationKey() {
        return verificationKey;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + ", " + algorithm + ", activeFrom=" + activeFrom + "]";
    }
}

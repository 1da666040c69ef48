package io.jwtguard.core.keys;

import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * An RSA private key trusted for JWE key decryption (RSA-OAEP, RSA-OAEP-256). Immutable;
 * {@link #toString()} never prints key material.
 */
public final class DecryptionKey {
    private final String keyId;
    private final PrivateKey key;

    /**
     * @param keyId the {@code kid} it answers to, or null for any
     * @param key the RSA private key, not null
     */
    public DecryptionKey(String keyId, PrivateKey key) {
        this.keyId = keyId;
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @return the key id, or empty for a key that answers to any {@code kid} */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** @return whether this key may be tried for a JWE with that {@code kid} (null: any key) */
    public boolean answersTo(String tokenKeyId) {
        return keyId == null || tokenKeyId == null || keyId.equals(tokenKeyId);
    }

    /** @return the private key; never log or expose it */
    public PrivateKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "DecryptionKey[kid=" + keyId + "]";
    }
}

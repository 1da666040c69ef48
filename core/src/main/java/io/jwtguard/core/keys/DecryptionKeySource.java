package io.jwtguard.core.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * RSA private keys for JWE decryption, read from a {@link KeyLocation} on first use (or given
 * directly) and then kept. Thread-safe.
 */
public final class DecryptionKeySource {
    private final String description;
    private final LazyLoad<List<DecryptionKey>> keys;

    private DecryptionKeySource(String description, LazyLoad<List<DecryptionKey>> keys) {
        this.description = description;
        this.keys = keys;
    }

    /** Keys read lazily from {@code location}; failures are retried at most once per {@code retryInterval}. */
    public static DecryptionKeySource fromLocation(KeyLocation location, Clock clock, Duration retryInterval) {
        Objects.requireNonNull(location, "location");
        return new DecryptionKeySource(location.toString(), new LazyLoad<>("decryption keys at " + location,
                () -> KeyMaterial.parseDecryptionKeys(location.read(), location.toString()), clock, retryInterval));
    }

    /** Fixed keys, for example generated in tests. */
    public static DecryptionKeySource of(List<DecryptionKey> keys) {
        List<DecryptionKey> copy = List.copyOf(keys);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no decryption key");
        }
        return new DecryptionKeySource("inline decryption keys",
                new LazyLoad<>("inline decryption keys", () -> copy, Clock.systemUTC(), Duration.ZERO));
    }

    /**
     * @return the keys, never empty
     * @throws io.jwtguard.core.availability.VerificationUnavailableException if they cannot be loaded
     */
    public List<DecryptionKey> keys() {
        return keys.get();
    }

    /** @return where the keys come from; never key material */
    public String describe() {
        return description;
    }
}

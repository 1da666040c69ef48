package io.jwtguard.core.keys;

import io.jwtguard.core.jose.KeyFamily;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A fixed set of keys, for example parsed from inline configuration. Immutable and thread-safe. */
public final class StaticKeySource implements KeySource {
    private final List<VerificationKey> keys;
    private final String description;
    private final String property;

    /**
     * @param keys the trusted keys, not null; copied
     * @param description where they came from, for logs; not key material
     * @param property the configuration property that configured them, for posture findings
     */
    public StaticKeySource(List<VerificationKey> keys, String description, String property) {
        this.keys = List.copyOf(keys);
        this.description = Objects.requireNonNull(description, "description");
        this.property = Objects.requireNonNull(property, "property");
    }

    /**
     * Keys configured programmatically; posture findings name {@code jwtguard.hmac.secret} for
     * secrets and {@code mp.jwt.verify.publickey} otherwise.
     */
    public StaticKeySource(List<VerificationKey> keys, String description) {
        this(keys, description, !keys.isEmpty() && keys.stream().allMatch(k -> k.family() == KeyFamily.SECRET)
                ? "jwtguard.hmac.secret" : "mp.jwt.verify.publickey");
    }

    /** @return the configuration property these keys came from */
    public String property() {
        return property;
    }

    /** A source of the given keys, described as "inline keys". */
    public static StaticKeySource of(VerificationKey... keys) {
        return new StaticKeySource(List.of(keys), "inline keys");
    }

    @Override
    public List<VerificationKey> keys() {
        return keys;
    }

    /** @return the keys, always known */
    @Override
    public Optional<List<VerificationKey>> fixedKeys() {
        return Optional.of(keys);
    }

    @Override
    public String describe() {
        return description;
    }
}

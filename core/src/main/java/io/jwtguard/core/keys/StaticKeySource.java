package io.jwtguard.core.keys;

import java.util.List;
import java.util.Objects;

/** A fixed set of keys, for example parsed from inline configuration. Immutable and thread-safe. */
public final class StaticKeySource implements KeySource {
    private final List<VerificationKey> keys;
    private final String description;

    /**
     * @param keys the trusted keys, not null; copied
     * @param description where they came from, for logs; not key material
     */
    public StaticKeySource(List<VerificationKey> keys, String description) {
        this.keys = List.copyOf(keys);
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A source of the given keys, described as "inline keys". */
    public static StaticKeySource of(VerificationKey... keys) {
        return new StaticKeySource(List.of(keys), "inline keys");
    }

    @Override
    public List<VerificationKey> keys() {
        return keys;
    }

    @Override
    public String describe() {
        return description;
    }
}

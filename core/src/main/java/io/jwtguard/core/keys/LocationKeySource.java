package io.jwtguard.core.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Verification keys read from a {@link KeyLocation} on first use and then kept. Loading is
 * lazy because MicroProfile JWT applications may serve their own keys (the server must be up
 * before the first fetch). A failed load is reported as
 * {@link io.jwtguard.core.verify.KeySourceUnavailableException} and retried at most once per
 * retry interval. (Refreshing a remote JWK Set as the issuer rotates keys is the JWKS client's
 * job, not this class's.)
 *
 * <p>Thread-safe.
 */
public final class LocationKeySource implements KeySource {
    private final KeyLocation location;
    private final LazyLoad<List<VerificationKey>> keys;

    /**
     * @param location where the keys live, not null
     * @param strength the weakest keys accepted, not null
     * @param clock time source for the retry interval, not null
     * @param retryInterval minimum time between two failed loads, not null
     */
    public LocationKeySource(KeyLocation location, KeyStrengthPolicy strength, Clock clock, Duration retryInterval) {
        this.location = Objects.requireNonNull(location, "location");
        Objects.requireNonNull(strength, "strength");
        this.keys = new LazyLoad<>("verification keys at " + location, () -> {
            List<VerificationKey> parsed = strength.filter(
                    KeyMaterial.parsePublicKeys(location.read(), location.toString()), location.toString());
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("no key at " + location + " is strong enough");
            }
            return parsed;
        }, clock, retryInterval);
    }

    @Override
    public List<VerificationKey> keys() {
        return keys.get();
    }

    @Override
    public String describe() {
        return location.toString();
    }
}

package io.jwtguard.core.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JwksKeySource} caches, refreshes and fails. Immutable; every duration positive
 * unless stated.
 *
 * @param minCacheTtl lower bound applied to the server's {@code Cache-Control: max-age}
 * @param maxCacheTtl upper bound applied to it
 * @param defaultCacheTtl lifetime when the server sends no usable {@code max-age}
 * @param refreshAhead how long before expiry a background refresh starts (capped at half the lifetime)
 * @param unknownKidMinInterval minimum time between two fetches caused by unknown {@code kid}s
 * @param unknownKidNegativeTtl how long a {@code kid} that a fresh fetch did not contain is not looked for again
 * @param staleIfError how long past expiry the last good set keeps serving while refreshes fail (zero: never)
 * @param connectTimeout TCP connect timeout
 * @param readTimeout limit for the whole response, headers and body
 * @param maxResponseBytes largest accepted response body, in bytes
 * @param prefetch whether to fetch once when the source is created
 */
public record JwksSettings(
        Duration minCacheTtl,
        Duration maxCacheTtl,
        Duration defaultCacheTtl,
        Duration refreshAhead,
        Duration unknownKidMinInterval,
        Duration unknownKidNegativeTtl,
        Duration staleIfError,
        Duration connectTimeout,
        Duration readTimeout,
        int maxResponseBytes,
        boolean prefetch) {

    /** Defaults: TTL 10 min within [1 min, 24 h], refresh 1 min ahead, unknown-kid fetches at most every 10 s, stale for 1 h. */
    public static final JwksSettings DEFAULTS = new JwksSettings(Duration.ofMinutes(1), Duration.ofHours(24),
            Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 512 * 1024, false);

    public JwksSettings {
        positive(minCacheTtl, "minCacheTtl");
        positive(maxCacheTtl, "maxCacheTtl");
        positive(defaultCacheTtl, "defaultCacheTtl");
        notNegative(refreshAhead, "refreshAhead");
        notNegative(unknownKidMinInterval, "unknownKidMinInterval");
        notNegative(unknownKidNegativeTtl, "unknownKidNegativeTtl");
        notNegative(staleIfError, "staleIfError");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        if (maxCacheTtl.compareTo(minCacheTtl) < 0) {
            throw new IllegalArgumentException("maxCacheTtl is below minCacheTtl");
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
    }

    /** @return a copy with {@code prefetch} changed */
    public JwksSettings withPrefetch(boolean value) {
        return new JwksSettings(minCacheTtl, maxCacheTtl, defaultCacheTtl, refreshAhead, unknownKidMinInterval,
                unknownKidNegativeTtl, staleIfError, connectTimeout, readTimeout, maxResponseBytes, value);
    }

    /** @return a copy with {@code unknownKidMinInterval} changed */
    public JwksSettings withUnknownKidMinInterval(Duration value) {
        return new JwksSettings(minCacheTtl, maxCacheTtl, defaultCacheTtl, refreshAhead, value,
                unknownKidNegativeTtl, staleIfError, connectTimeout, readTimeout, maxResponseBytes, prefetch);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}

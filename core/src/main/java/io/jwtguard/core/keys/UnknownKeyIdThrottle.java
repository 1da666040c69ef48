package io.jwtguard.core.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a JWKS source remembers about tokens that name a {@code kid} its key set lacks: the
 * {@code kid}s a recent fetch looked for and did not find (a negative cache, bounded), and a
 * token bucket, as a generic cell rate algorithm, that limits refreshes for unknown {@code kid}s
 * to {@code burst} at once, refilling at one per {@code minInterval}.
 *
 * <p>Thread safety: {@link #knownAbsent} may be called from any thread; {@link #waitBeforeRefresh},
 * {@link #refreshStarted} and {@link #absentAfterFetch} must be called under the source's fetch lock.
 */
final class UnknownKeyIdThrottle {
    private static final int MAX_NEGATIVE_KIDS = 10_000;

    private final int burst;
    private final Duration minInterval;
    private final Duration negativeTtl;
    private final Map<String, Instant> absentUntil = new ConcurrentHashMap<>();
    /** The bucket's theoretical arrival time; null before the first refresh for an unknown kid. */
    private Instant tat;

    /**
     * @param burst how many refreshes may happen at once (at least 1)
     * @param minInterval the bucket's refill interval
     * @param negativeTtl how long a kid that a fetch lacked is answered "absent" without a fetch
     */
    UnknownKeyIdThrottle(int burst, Duration minInterval, Duration negativeTtl) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        this.burst = burst;
        this.minInterval = minInterval;
        this.negativeTtl = negativeTtl;
    }

    /** @return true when a fetch lacked {@code keyId} less than the negative TTL before {@code now} */
    boolean knownAbsent(String keyId, Instant now) {
        Instant until = absentUntil.get(keyId);
        return until != null && now.isBefore(until);
    }

    /** @return how long until the bucket allows a refresh; zero when it does now */
    Duration waitBeforeRefresh(Instant now) {
        if (tat == null) {
            return Duration.ZERO;
        }
        Instant allowedFrom = tat.minus(minInterval.multipliedBy(burst - 1L));
        return now.isBefore(allowedFrom) ? Duration.between(now, allowedFrom) : Duration.ZERO;
    }

    /** Takes one refresh from the bucket. */
    void refreshStarted(Instant now) {
        tat = (tat == null || tat.isBefore(now) ? now : tat).plus(minInterval);
    }

    /** Remembers that a fetch made at {@code now} lacked {@code keyId}; clears all when the cache is full. */
    void absentAfterFetch(String keyId, Instant now) {
        if (absentUntil.size() >= MAX_NEGATIVE_KIDS) {
            absentUntil.clear();
        }
        absentUntil.put(keyId, now.plus(negativeTtl));
    }

    /** Forgets every absent kid: the key set changed. */
    void keysChanged() {
        absentUntil.clear();
    }
}

package io.jwtguard.core.dpop;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ReplayCache} of one node: a concurrent map from proof digest to expiry, bounded.
 *
 * <p>When full, expired entries are swept; if none has expired, the new proof is refused (503,
 * {@code DPOP_REPLAY_CACHE}) instead of evicting a live entry. An evicting cache (LRU, size-bounded
 * Caffeine) would let a client that floods it with its own valid proofs make a captured proof
 * replayable again; refusing keeps the guarantee and only costs availability, to clients that hold a
 * valid bound token (the proof is recorded after every other check passed).
 *
 * <p>Thread-safe; {@link #firstUse} is atomic per key ({@link ConcurrentHashMap#putIfAbsent}).
 */
public final class InMemoryReplayCache implements ReplayCache {
    private final ConcurrentHashMap<String, Instant> entries = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final int maxEntries;
    private final Clock clock;
    private final Duration retryAfter;
    private volatile Instant nextSweep;

    /**
     * @param maxEntries the most proofs remembered at once, at least 1
     * @param clock the time source, not null
     * @param retryAfter what a 503 for a full cache tells the client to wait, not null
     */
    public InMemoryReplayCache(int maxEntries, Clock clock, Duration retryAfter) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.nextSweep = clock.instant().plus(retryAfter);
    }

    @Override
    public boolean firstUse(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            sweep(now);
        }
        Instant known = entries.get(key);
        if (known != null && known.isAfter(now)) {
            return false;
        }
        if (size.get() >= maxEntries) {
            sweep(now);
        }
        // reserve room first, so that concurrent first uses can never push the map over its bound
        if (size.incrementAndGet() > maxEntries) {
            size.decrementAndGet();
            throw new VerificationUnavailableException(VerificationUnavailableException.Source.DPOP_REPLAY_CACHE,
                    "the DPoP replay cache is full (" + maxEntries + " unexpired proofs)", null, retryAfter);
        }
        if (known != null) {
            // an expired entry for this key: replace it atomically, only if nobody else did
            if (entries.replace(key, known, expiresAt)) {
                size.decrementAndGet(); // replaced, not added
                return true;
            }
            size.decrementAndGet();
            return false;
        }
        if (entries.putIfAbsent(key, expiresAt) == null) {
            return true;
        }
        size.decrementAndGet();
        return false;
    }

    /** Drops expired entries; one sweeper at a time, others go on. */
    private void sweep(Instant now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            nextSweep = now.plus(retryAfter);
            entries.forEach((key, expiry) -> {
                if (!expiry.isAfter(now) && entries.remove(key, expiry)) {
                    size.decrementAndGet();
                }
            });
        } finally {
            sweeping.unlock();
        }
    }

    /** @return the number of proofs remembered now, expired ones not yet swept included */
    public int size() {
        return size.get();
    }

    @Override
    public String toString() {
        return "InMemoryReplayCache[" + size.get() + "/" + maxEntries + "]";
    }
}

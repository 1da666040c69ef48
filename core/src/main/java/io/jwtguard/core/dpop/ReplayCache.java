package io.jwtguard.core.dpop;

import java.time.Instant;

/**
 * Remembers the DPoP proofs already used (RFC 9449 section 11.1), so that each is accepted once.
 * The built-in one is {@link InMemoryReplayCache} (one node); a cluster needs one shared by every
 * node (for example a JDBC store), behind this same interface.
 *
 * <p>Implementations are thread-safe, and {@link #firstUse} is atomic: of any number of concurrent
 * calls with one key, exactly one returns true.
 */
public interface ReplayCache {
    /**
     * Records a proof's use.
     *
     * @param key a fixed-length digest naming the proof (its key's thumbprint and its {@code jti}),
     *     not null; never the proof itself
     * @param expiresAt when the proof can no longer be accepted anyway, so the entry may be dropped
     * @return true if the key was not known (the proof is used for the first time), false for a replay
     * @throws io.jwtguard.core.availability.VerificationUnavailableException with source
     *     {@code DPOP_REPLAY_CACHE} when the cache cannot record the use (full, or its store is down):
     *     the request is answered 503, never accepted without the record
     */
    boolean firstUse(String key, Instant expiresAt);
}

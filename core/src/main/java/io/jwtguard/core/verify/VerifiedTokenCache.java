package io.jwtguard.core.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Tokens that passed full verification, keyed by their exact compact serialisation. Because
 * every segment must be canonical base64url, one token has exactly one spelling: another
 * encoding of the same content is a different key, misses, and is refused by full verification.
 *
 * <p>A hit is returned only while the entry's time limits hold (expiry and maximum age, with
 * skew, re-checked against the clock on every hit) and the issuer's key set is the one the token
 * was verified with. A hit consults the key sources as a full verification would, so a key set
 * that is due is refreshed, and a set past its stale bound fails the hit as unavailable; an entry
 * whose key left the set then misses and is verified again. Revocation is re-checked on every hit
 * by the caller. Bounded (Caffeine,
 * size-based eviction). Thread-safe.
 */
final class VerifiedTokenCache {
    /** One verified token and what a hit must re-check. */
    record Entry(VerifiedToken token, IssuerPolicy policy, long keyVersion, long validThroughEpochSecond) {
        /** @throws KeySourceUnavailableException if the issuer's keys cannot be obtained now */
        boolean usableAt(long nowEpochSecond) {
            return nowEpochSecond <= validThroughEpochSecond && policy.currentKeyVersion() == keyVersion;
        }
    }

    private final Cache<String, Entry> entries;

    VerifiedTokenCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    Entry get(String token) {
        return entries.getIfPresent(token);
    }

    void put(String token, Entry entry) {
        entries.put(token, entry);
    }

    void invalidate(String token) {
        entries.invalidate(token);
    }

    long estimatedSize() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}

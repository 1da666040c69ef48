package io.jwtguard.core.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.EcdsaSignatures;
import io.jwtguard.core.jose.JwsAlgorithm;

/**
 * Tokens that passed full verification, keyed by their compact serialisation. Every segment must
 * be canonical base64url, so another encoding of the same bytes is a different key, misses, and
 * is refused by full verification. The one exception is ECDSA: (r, s) and (r, n - s) are both
 * valid signatures (see {@link EcdsaSignatures}), so an ES* token has exactly two spellings, and
 * both map to one entry: a miss on the exact spelling looks for its twin, and a hit is taken
 * only if the token's header really names the ES* algorithm whose curve the twin was computed
 * for (an EdDSA or HS512 signature is as long as an ES256 one, and its "twin" is a forgery).
 * The exact spelling is looked up first, so a token sent again and again (the hot path) costs
 * one lookup whichever S it carries; the twin search runs only on misses.
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
        /** @throws VerificationUnavailableException if the issuer's keys cannot be obtained now */
        boolean usableAt(long nowEpochSecond) {
            return nowEpochSecond <= validThroughEpochSecond && policy.currentKeyVersion() == keyVersion;
        }
    }

    private final Cache<String, Entry> entries;

    VerifiedTokenCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /**
     * @return the entry of {@code token} or of its ECDSA twin (then with {@code token} as its raw
     *     token), or null
     */
    Entry get(String token) {
        Entry hit = entries.getIfPresent(token);
        if (hit != null) {
            return hit;
        }
        String twin = twinOf(token);
        Entry twinHit = twin == null ? null : entries.getIfPresent(twin);
        if (twinHit == null || EcdsaSignatures.headerAlgorithm(token) != signatureAlgorithm(token)) {
            return null;
        }
        return new Entry(twinHit.token().withRawToken(token), twinHit.policy(), twinHit.keyVersion(),
                twinHit.validThroughEpochSecond());
    }

    void put(String token, Entry entry) {
        entries.put(token, entry);
    }

    /** Removes the entry of {@code token}, whichever of its spellings it is stored under. */
    void invalidate(String token) {
        entries.invalidate(token);
        String twin = twinOf(token);
        if (twin != null) {
            entries.invalidate(twin);
        }
    }

    long estimatedSize() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** The ES* algorithm that the signature's length suggests, or null; confirmed against the header before use. */
    private static JwsAlgorithm signatureAlgorithm(String token) {
        return EcdsaSignatures.candidateForSignatureLength(token.length() - token.lastIndexOf('.') - 1);
    }

    /** @return the other spelling {@code token} would have if it were ES*-signed, or null */
    private static String twinOf(String token) {
        JwsAlgorithm candidate = signatureAlgorithm(token);
        return candidate == null ? null : EcdsaSignatures.twin(token, candidate);
    }
}

package io.jwtguard.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Revocations at one moment: revoked {@code jti}s with the instant their entries expire,
 * per-subject cut-offs, and revoked grants (refresh families, named by the {@code sid} claim of
 * the access tokens issued from them). Immutable and thread-safe.
 *
 * @param revokedJtis {@code jti} to the expiry of its entry; copied
 * @param subjectCutoffs subject to the instant before which its tokens are revoked; copied
 * @param revokedGrants grant ({@code sid}) to the expiry of its entry; copied
 */
public record RevocationSnapshot(Map<String, Instant> revokedJtis, Map<String, Instant> subjectCutoffs,
        Map<String, Instant> revokedGrants) {
    /** No revocations. */
    public static final RevocationSnapshot EMPTY = new RevocationSnapshot(Map.of(), Map.of(), Map.of());

    public RevocationSnapshot {
        revokedJtis = Map.copyOf(revokedJtis);
        subjectCutoffs = Map.copyOf(subjectCutoffs);
        revokedGrants = Map.copyOf(revokedGrants);
    }

    /**
     * As {@link #revokes(String, String, long)}, and also when {@code grantId} names a revoked grant.
     *
     * @param grantId the token's {@code sid}, or null
     */
    public boolean revokes(String jti, String subject, long issuedAtSeconds, String grantId) {
        return grantId != null && revokedGrants.containsKey(grantId) || revokes(jti, subject, issuedAtSeconds);
    }

    /**
     * @param jti the token's {@code jti}, or null
     * @param subject the token's {@code sub}, or null
     * @param issuedAtSeconds the token's {@code iat} in epoch seconds, or 0 when absent (a token
     *     without {@code iat} counts as issued before any cut-off of its subject)
     * @return whether a token with these claims is revoked
     */
    public boolean revokes(String jti, String subject, long issuedAtSeconds) {
        if (jti != null && revokedJtis.containsKey(jti)) {
            return true;
        }
        if (subject != null) {
            Instant cutoff = subjectCutoffs.get(subject);
            // iat has second precision: a token issued in the cut-off's second is revoked too
            return cutoff != null && issuedAtSeconds <= cutoff.getEpochSecond();
        }
        return false;
    }

    /** @return the number of entries */
    public int size() {
        return revokedJtis.size() + subjectCutoffs.size() + revokedGrants.size();
    }

    @Override
    public String toString() {
        return "RevocationSnapshot[jtis=" + revokedJtis.size() + ", subjects=" + subjectCutoffs.size()
                + ", grants=" + revokedGrants.size() + "]";
    }

    static Instant later(Instant a, Instant b) {
        return Objects.requireNonNull(a).isAfter(b) ? a : b;
    }
}

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
 * @param subjectCutoffs subject to its cut-off: tokens carrying a lower revocation epoch, or without
 *     one and issued in or before the cut-off's second, are revoked; copied
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
     * As {@link #revokes(String, String, Long, String)} with {@code issuedAtSeconds} 0 meaning absent.
     *
     * @param grantId the token's {@code sid}, or null
     */
    public boolean revokes(String jti, String subject, long issuedAtSeconds, String grantId) {
        return revokes(jti, subject, issuedAtSeconds == 0 ? null : Long.valueOf(issuedAtSeconds), grantId);
    }

    /**
     * @param jti the token's {@code jti}, or null
     * @param subject the token's {@code sub}, or null
     * @param issuedAtSeconds the token's {@code iat} in epoch seconds, or 0 when absent (a token
     *     without {@code iat} counts as issued before any cut-off of its subject)
     * @return whether a token with these claims is revoked
     */
    public boolean revokes(String jti, String subject, long issuedAtSeconds) {
        return revokes(jti, subject, issuedAtSeconds, null);
    }

    /**
     * @param jti the token's {@code jti}, or null
     * @param subject the token's {@code sub}, or null
     * @param issuedAtSeconds the token's {@code iat} in epoch seconds, or null when absent: such a
     *     token cannot be shown to be issued after a cut-off, so it counts as issued before
     * @param grantId the token's {@code sid}, or null
     * @return whether a token with these claims is revoked: its {@code jti} is listed, its grant is
     *     revoked, or its subject has a cut-off it is not after
     */
    public boolean revokes(String jti, String subject, Long issuedAtSeconds, String grantId) {
        return revokes(jti, subject, issuedAtSeconds, grantId, null);
    }

    /**
     * The full rule. A token that carries its subject's revocation epoch (as the token service's
     * tokens do) is judged by it alone: revoked when the subject's epoch (its cut-off in epoch
     * milliseconds) is higher, which separates "issued before" from "issued after" exactly, whatever
     * second or node it was issued in. A token without one (other issuers, or an access token
     * issued outside the token service) is judged by {@code iat}.
     *
     * @param subjectEpoch the epoch the token carries, or null when it carries none
     */
    public boolean revokes(String jti, String subject, Long issuedAtSeconds, String grantId, Long subjectEpoch) {
        if (jti != null && revokedJtis.containsKey(jti)) {
            return true;
        }
        if (grantId != null && revokedGrants.containsKey(grantId)) {
            return true;
        }
        Instant cutoff = subject == null ? null : subjectCutoffs.get(subject);
        if (cutoff == null) {
            return false;
        }
        if (subjectEpoch != null) {
            return subjectEpoch < cutoff.toEpochMilli();
        }
        // iat has second precision: a token issued in the cut-off's second is revoked too
        return issuedAtSeconds == null || issuedAtSeconds <= cutoff.getEpochSecond();
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

package io.jwtguard.core.store;

import java.time.Instant;

/**
 * Stores revoked access tokens (by {@code jti}), revoked grants (by {@code sid}) and per-subject
 * "issued before" cut-offs, which double as per-subject revocation epochs. Every
 * entry carries the instant after which it cannot matter any more (the revoked token has
 * expired), so the list stays as small as the set of tokens alive and revoked.
 *
 * <p>Thread-safe; every method throws {@link StoreUnavailableException} when the store cannot
 * be reached.
 */
public interface RevocationStore {

    /**
     * Revokes one access token.
     *
     * @param jti the token's {@code jti}, not null
     * @param expiresAt the token's {@code exp}: the entry is dropped after it
     */
    void revokeAccessToken(String jti, Instant expiresAt);

    /**
     * Starts a new revocation epoch of {@code subject} ("log out everywhere"): its cut-off becomes
     * {@code issuedBefore}, or one millisecond after the current cut-off when that is not earlier.
     * The cut-off (in epoch milliseconds: the subject's <em>epoch</em>) therefore strictly increases
     * with every call, whichever node's clock made it, and never moves back. Atomic across nodes.
     *
     * @param expiresAt after this instant no token issued before the cut-off can be alive; a later
     *     expiry replaces an earlier one
     */
    void revokeSubject(String subject, Instant issuedBefore, Instant expiresAt);

    /**
     * The current revocation epoch of {@code subject}: its cut-off in epoch milliseconds, or 0 when
     * it has none (never revoked, or purged). Read live from the store (never from a cached list),
     * whether or not the entry has expired, by the token service when it issues an access token: the
     * token carries it, and is revoked once the subject's epoch is higher.
     */
    long subjectEpoch(String subject);

    /**
     * Revokes every access token issued from one grant (refresh family): tokens whose {@code sid}
     * is {@code grantId} (RFC 7009 section 2.1: revoking a refresh token should invalidate the
     * access tokens of the same grant).
     *
     * @param expiresAt after this instant no access token of the grant can be alive
     */
    void revokeGrant(String grantId, Instant expiresAt);

    /** @return every entry not yet expired at {@code now}, as one immutable value */
    RevocationSnapshot snapshot(Instant now);

    /** Deletes entries expired before {@code now}; @return how many */
    int purgeExpiredRevocations(Instant now);
}

package io.jwtguard.core.store;

import java.time.Instant;

/**
 * Stores revoked access tokens (by {@code jti}) and per-subject "issued before" cut-offs. Every
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
     * Revokes every access token of {@code subject} issued before {@code issuedBefore} ("log out
     * everywhere"). A later cut-off replaces an earlier one; an earlier one never replaces a later.
     *
     * @param expiresAt after this instant no token issued before the cut-off can be alive
     */
    void revokeSubject(String subject, Instant issuedBefore, Instant expiresAt);

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

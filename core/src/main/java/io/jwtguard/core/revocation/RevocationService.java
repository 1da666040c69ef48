package io.jwtguard.core.revocation;

import io.jwtguard.core.refresh.RefreshTokenService;
import io.jwtguard.core.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Revokes: one access token by {@code jti} (the entry expires with the token, so the list stays
 * small), or everything of a subject issued before now ("log out everywhere": its refresh
 * families too). Each revocation applies to this node's next verification at once (cache hits
 * included) and to other nodes within the check's propagation bound.
 *
 * <p>Thread-safe. Store failures propagate as
 * {@link io.jwtguard.core.store.StoreUnavailableException}: a revocation that was not recorded is
 * never reported as done.
 */
public final class RevocationService {
    private final RevocationStore store;
    private final RefreshTokenService refreshTokens;
    private final StoreRevocationCheck check;
    private final Duration longestAccessTokenLife;
    private final Clock clock;

    /**
     * @param store where revocations live, not null
     * @param refreshTokens whose families a subject revocation revokes too, not null
     * @param check the check to refresh after each revocation, not null
     * @param longestAccessTokenLife the longest any accepted access token lives (maximum lifetime
     *     plus clock skew): how long a subject cut-off must be kept
     * @param clock the time source, not null
     */
    public RevocationService(RevocationStore store, RefreshTokenService refreshTokens, StoreRevocationCheck check,
            Duration longestAccessTokenLife, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.check = Objects.requireNonNull(check, "check");
        this.longestAccessTokenLife = Objects.requireNonNull(longestAccessTokenLife, "longestAccessTokenLife");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param jti the access token's {@code jti}, not null
     * @param expiresAt its {@code exp}; nothing is stored when it has passed already
     */
    public void revokeAccessToken(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        if (expiresAt.isBefore(clock.instant())) {
            return; // expired tokens are refused anyway
        }
        store.revokeAccessToken(jti, expiresAt);
        check.refreshNow();
    }

    /**
     * Revokes every access token issued from one grant (refresh family): those whose {@code sid}
     * is {@code grantId}. The entry lives as long as such a token can.
     */
    public void revokeGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        store.revokeGrant(grantId, clock.instant().plus(longestAccessTokenLife));
        check.refreshNow();
    }

    /**
     * Revokes every access token of {@code subject} issued up to now, and all its refresh families.
     *
     * @return how many refresh families this call revoked
     */
    public int revokeSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        Instant now = clock.instant();
        store.revokeSubject(subject, now, now.plus(longestAccessTokenLife));
        check.refreshNow();
        return refreshTokens.revokeSubject(subject);
    }

    /** @return the check this service refreshes */
    public StoreRevocationCheck check() {
        return check;
    }
}

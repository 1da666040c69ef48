package io.jwtguard.core.revocation;

import io.jwtguard.core.refresh.RefreshTokenService;
import io.jwtguard.core.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Revokes: one access token by {@code jti} (the entry expires with the token, so the list stays
 * small), one grant (refresh family) with every access token issued from it, or everything of a
 * subject issued before now ("log out everywhere"). Each revocation applies to this node's next
 * verification at once (cache hits included) and to other nodes within the check's propagation
 * bound.
 *
 * <p><b>"Log out everywhere"</b> ({@link #revokeSubject}) must let no token issued before it
 * returns survive, on any node, even when a refresh races with it or a node's clock runs ahead; and
 * a login that starts after it returns must get working tokens, in the same second too. One-second
 * {@code iat} values compared with one node's clock can do neither, so the cut-off is kept in two
 * forms:
 * <ol>
 *   <li><b>Grants.</b> Every access token the token service issues names its grant in {@code sid}.
 *       The call first revokes the subject's refresh families (from then on no rotation of them can
 *       succeed), then lists every family of the subject still stored, revoked or not, and revokes
 *       each one's grant. A refresh whose compare-and-set won just before the families were revoked
 *       belongs to a listed family, so the access token it signs afterwards, at whatever time and on
 *       whatever node, is revoked by its {@code sid}.</li>
 *   <li><b>A per-subject revocation epoch.</b> The store keeps, per subject, a number that strictly
 *       increases with every "log out everywhere" (the cut-off in epoch milliseconds, at least one
 *       more than the previous one, so a node whose clock is behind still moves it on). The token
 *       service reads it when it issues an access token and puts it in the
 *       {@value #SUBJECT_EPOCH_CLAIM} claim; the check revokes a token whose epoch is lower than
 *       its subject's. A login after the call reads the new epoch and its tokens live, whatever
 *       second they carry; a token issued before carries a lower one. No clock is compared.</li>
 *   <li><b>{@code iat}, for tokens without an epoch</b> (tokens of other issuers that share the
 *       store, or access tokens signed with {@link io.jwtguard.core.issue.AccessTokenIssuer}
 *       outside the token service): revoked when issued in or before the second of the cut-off,
 *       which is set to now plus the clock skew, so a node whose clock runs up to the skew ahead
 *       cannot issue one that escapes. The price: such tokens issued within the skew after the call
 *       are refused too. A token without {@code iat} counts as issued before.</li>
 * </ol>
 * The epoch seeded from the clock also survives purging: an entry is purged only after the longest
 * token life past its cut-off, so a later "log out everywhere" starts above every epoch issued
 * under the purged one.
 *
 * <p>Thread-safe. Store failures propagate as
 * {@link io.jwtguard.core.store.StoreUnavailableException}: a revocation that was not recorded is
 * never reported as done.
 */
public final class RevocationService {
    /** The access-token claim holding the subject's revocation epoch when the token was issued. */
    public static final String SUBJECT_EPOCH_CLAIM = "jwtguard_epoch";
    /** The clock skew assumed when none is given: the hard upper bound of the verifier's skew. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    private final RevocationStore store;
    private final RefreshTokenService refreshTokens;
    private final StoreRevocationCheck check;
    private final Duration longestAccessTokenLife;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * As {@link #RevocationService(RevocationStore, RefreshTokenService, StoreRevocationCheck,
     * Duration, Duration, Clock)} with {@link #DEFAULT_CLOCK_SKEW}.
     */
    public RevocationService(RevocationStore store, RefreshTokenService refreshTokens, StoreRevocationCheck check,
            Duration longestAccessTokenLife, Clock clock) {
        this(store, refreshTokens, check, longestAccessTokenLife, DEFAULT_CLOCK_SKEW, clock);
    }

    /**
     * @param store where revocations live, not null
     * @param refreshTokens whose families a subject revocation revokes too, not null
     * @param check the check to refresh after each revocation, not null
     * @param longestAccessTokenLife the longest any accepted access token lives (maximum lifetime
     *     plus clock skew): how long a subject cut-off must be kept
     * @param clockSkew the largest difference between the clocks of the nodes (the verifiers' skew),
     *     not negative
     * @param clock the time source, not null
     */
    public RevocationService(RevocationStore store, RefreshTokenService refreshTokens, StoreRevocationCheck check,
            Duration longestAccessTokenLife, Duration clockSkew, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.check = Objects.requireNonNull(check, "check");
        this.longestAccessTokenLife = Objects.requireNonNull(longestAccessTokenLife, "longestAccessTokenLife");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
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
     * "Log out everywhere": revokes every access token of {@code subject} issued before this call
     * returns, and all its refresh families; a login after it works at once. The steps, in this
     * order (see the class description for why): revoke the families; revoke the grant of every
     * family of the subject still stored; start a new revocation epoch whose cut-off is now plus the
     * clock skew; make this node's check reload.
     *
     * @return how many refresh families this call revoked
     */
    public int revokeSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        Instant now = clock.instant();
        int revoked = refreshTokens.revokeSubject(subject); // no rotation of these families succeeds from here
        // a token signed after a rotation that won just before: up to the skew ahead, and then skew-tolerant
        Instant grantsExpire = now.plus(longestAccessTokenLife).plus(clockSkew);
        for (String familyId : refreshTokens.familyIdsOfSubject(subject)) {
            store.revokeGrant(familyId, grantsExpire);
        }
        Instant cutoff = now.plus(clockSkew).truncatedTo(ChronoUnit.MILLIS);
        store.revokeSubject(subject, cutoff, cutoff.plus(longestAccessTokenLife));
        check.refreshNow();
        return revoked;
    }

    /**
     * @return the current revocation epoch of {@code subject}, read live from the store, for the
     *     {@value #SUBJECT_EPOCH_CLAIM} claim of an access token about to be issued
     * @throws io.jwtguard.core.store.StoreUnavailableException if the store cannot be read
     */
    public long subjectEpoch(String subject) {
        return store.subjectEpoch(Objects.requireNonNull(subject, "subject"));
    }

    /** @return the check this service refreshes */
    public StoreRevocationCheck check() {
        return check;
    }
}

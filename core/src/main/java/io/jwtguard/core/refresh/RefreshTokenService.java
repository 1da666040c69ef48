package io.jwtguard.core.refresh;

import io.jwtguard.core.store.RefreshFamily;
import io.jwtguard.core.store.RefreshLookup;
import io.jwtguard.core.store.RefreshTokenRecord;
import io.jwtguard.core.store.RefreshTokenState;
import io.jwtguard.core.store.RefreshTokenStore;
import io.jwtguard.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and rotates opaque refresh tokens following RFC 9700 section 4.14.2.
 *
 * <ul>
 *   <li>A login starts a family (grant) with subject, client, scope, an absolute expiry that no
 *       rotation extends, and a first token whose idle expiry is capped at the absolute one.</li>
 *   <li>Every use rotates: the presented token is marked rotated and a successor is issued, in
 *       one compare-and-set in the store, so of two concurrent uses exactly one wins.</li>
 *   <li>Presenting a rotated token (reuse), or losing the race for a rotation, revokes the whole
 *       family and raises {@link RefreshEventType#REUSE_DETECTED}: whoever holds the newer token,
 *       the legitimate client or the thief, must log in again.</li>
 *   <li>Optional grace window (off by default): the token rotated last may be presented once more
 *       within the window, rotating its successor, for a response lost on the network.</li>
 *   <li>Fail closed: when the store cannot record the rotation, {@link StoreUnavailableException}
 *       propagates and no token is issued.</li>
 * </ul>
 *
 * <p>Token values exist only in return values; the store holds their SHA-256. Thread-safe.
 */
public final class RefreshTokenService {
    private static final System.Logger LOG = System.getLogger(RefreshTokenService.class.getName());

    private final RefreshTokenStore store;
    private final RefreshSettings settings;
    private final Clock clock;
    private final java.util.List<RefreshEventListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param store where families and token hashes live, not null
     * @param settings lifetimes, not null
     * @param clock the time source, not null
     * @param listener told about reuse and revocations, not null ({@link RefreshEventListener#NONE} for none)
     */
    public RefreshTokenService(RefreshTokenStore store, RefreshSettings settings, Clock clock,
            RefreshEventListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Starts a family after the application authenticated a user.
     *
     * @param subject the user, not null
     * @param clientId the client, not null
     * @param scope the granted scope, not null
     * @param groups the groups for access tokens issued from this grant, not null
     * @return the first refresh token
     * @throws StoreUnavailableException if the store cannot record it
     */
    public IssuedRefreshToken start(String subject, String clientId, Set<String> scope, Set<String> groups) {
        Instant now = clock.instant();
        RefreshFamily family = new RefreshFamily(OpaqueTokens.newId(), subject, clientId, scope, groups, now,
                now.plus(settings.absoluteLifetime()), null);
        String value = OpaqueTokens.newToken();
        Instant expiresAt = idleExpiry(family, now);
        store.createFamily(family, RefreshTokenRecord.active(OpaqueTokens.hash(value), family.familyId(), now, expiresAt));
        return new IssuedRefreshToken(value, family, expiresAt);
    }

    /**
     * Uses a refresh token: rotates it and returns its successor.
     *
     * @param presented the token the client sent, may be null
     * @param clientId the client that sent it, or null when the caller does not know (then not checked)
     * @return the successor token; its family says whom to issue the access token for
     * @throws RefreshRejectedException when the token cannot be used; the reason says why
     * @throws StoreUnavailableException when the store cannot be read or the rotation recorded (fail closed)
     */
    public IssuedRefreshToken rotate(String presented, String clientId) {
        return rotate(presented, clientId, null);
    }

    /**
     * As {@link #rotate(String, String)}, refusing a request for more scope than the grant holds
     * before anything changes: a refused request rotates nothing, so the presented token stays
     * usable and its next use is not taken for reuse.
     *
     * @param requestedScope the scope asked for, or null or empty for the grant's
     * @throws RefreshRejectedException with {@link RefreshFailure#SCOPE_EXCEEDED} when
     *     {@code requestedScope} is not within the grant's scope (checked after every reason that
     *     concerns the token itself, so reuse of a rotated token is still detected)
     */
    public IssuedRefreshToken rotate(String presented, String clientId, Set<String> requestedScope) {
        if (!OpaqueTokens.wellFormed(presented)) {
            throw new RefreshRejectedException(presented == null || presented.isEmpty()
                    ? RefreshFailure.MALFORMED_REQUEST : RefreshFailure.UNKNOWN_TOKEN);
        }
        Instant now = clock.instant();
        RefreshLookup lookup = store.find(OpaqueTokens.hash(presented))
                .orElseThrow(() -> new RefreshRejectedException(RefreshFailure.UNKNOWN_TOKEN));
        RefreshFamily family = lookup.family();
        RefreshTokenRecord token = lookup.token();
        if (family.revoked()) {
            throw new RefreshRejectedException(RefreshFailure.FAMILY_REVOKED);
        }
        if (!now.isBefore(family.absoluteExpiry())) {
            throw new RefreshRejectedException(RefreshFailure.ABSOLUTE_EXPIRED);
        }
        if (clientId != null && !clientId.equals(family.clientId())) {
            throw new RefreshRejectedException(RefreshFailure.CLIENT_MISMATCH);
        }
        if (token.state() == RefreshTokenState.ROTATED) {
            if (withinGrace(token, now)) {
                requireWithinScope(family, requestedScope);
                Optional<IssuedRefreshToken> again = rotateFrom(token.successorHash(), family, now);
                if (again.isPresent()) {
                    emit(RefreshEventType.GRACE_REUSE, family, now);
                    return again.get();
                }
            }
            throw reuse(family, now);
        }
        if (!now.isBefore(token.expiresAt())) {
            throw new RefreshRejectedException(RefreshFailure.IDLE_EXPIRED);
        }
        requireWithinScope(family, requestedScope);
        // the compare-and-set: losing it means another request used this token at the same time
        return rotateFrom(token.tokenHash(), family, now).orElseThrow(() -> reuse(family, now));
    }

    private static void requireWithinScope(RefreshFamily family, Set<String> requestedScope) {
        if (requestedScope != null && !family.scope().containsAll(requestedScope)) {
            throw new RefreshRejectedException(RefreshFailure.SCOPE_EXCEEDED);
        }
    }

    private boolean withinGrace(RefreshTokenRecord token, Instant now) {
        return !settings.gracePeriod().isZero() && token.rotatedAt() != null && token.successorHash() != null
                && now.isBefore(token.rotatedAt().plus(settings.gracePeriod()));
    }

    private Optional<IssuedRefreshToken> rotateFrom(String consumedHash, RefreshFamily family, Instant now) {
        String value = OpaqueTokens.newToken();
        Instant expiresAt = idleExpiry(family, now);
        RefreshTokenRecord successor = RefreshTokenRecord.active(OpaqueTokens.hash(value), family.familyId(), now,
                expiresAt);
        if (!store.rotate(consumedHash, now, successor)) {
            return Optional.empty();
        }
        return Optional.of(new IssuedRefreshToken(value, family, expiresAt));
    }

    private RefreshRejectedException reuse(RefreshFamily family, Instant now) {
        if (store.revokeFamily(family.familyId(), now)) {
            LOG.log(System.Logger.Level.WARNING, "Refresh token reuse detected: family " + family.familyId()
                    + " of client " + family.clientId() + " revoked");
            emit(RefreshEventType.REUSE_DETECTED, family, now);
        }
        return new RefreshRejectedException(RefreshFailure.REUSE_DETECTED);
    }

    /**
     * Revokes the family of a presented token (RFC 7009: revoking a refresh token revokes its grant).
     *
     * @param presented the token, may be null or unknown
     * @return the family revoked by this call, or empty if none (unknown, or revoked already)
     * @throws StoreUnavailableException if the store cannot be reached
     */
    public Optional<RefreshFamily> revokeFamilyOf(String presented) {
        if (!OpaqueTokens.wellFormed(presented)) {
            return Optional.empty();
        }
        Optional<RefreshLookup> lookup = store.find(OpaqueTokens.hash(presented));
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RefreshFamily family = lookup.get().family();
        if (!store.revokeFamily(family.familyId(), now)) {
            return Optional.empty();
        }
        emit(RefreshEventType.FAMILY_REVOKED, family, now);
        return Optional.of(family.revokedAt(now));
    }

    /**
     * Revokes a family by its identifier (administration).
     *
     * @return true if this call revoked it
     */
    public boolean revokeFamily(String familyId) {
        return store.revokeFamily(familyId, clock.instant());
    }

    /** Revokes every family of {@code subject}; @return how many this call revoked */
    public int revokeSubject(String subject) {
        return store.revokeFamiliesOfSubject(subject, clock.instant());
    }

    /** @return the ids of every stored family of {@code subject}, revoked or not */
    public java.util.List<String> familyIdsOfSubject(String subject) {
        return store.familyIdsOfSubject(subject);
    }

    /** @param listener also told about every later event, not null */
    public void addListener(RefreshEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the lifetimes in force */
    public RefreshSettings settings() {
        return settings;
    }

    private Instant idleExpiry(RefreshFamily family, Instant now) {
        Instant idle = now.plus(settings.idleTimeout());
        return idle.isBefore(family.absoluteExpiry()) ? idle : family.absoluteExpiry();
    }

    private void emit(RefreshEventType type, RefreshFamily family, Instant now) {
        RefreshEvent event = new RefreshEvent(type, family.familyId(), family.subject(), family.clientId(), now);
        for (RefreshEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A refresh event listener failed: " + e.getClass().getName());
            }
        }
    }
}

package io.jwtguard.core.refresh;

import io.jwtguard.core.store.RefreshFamily;
import io.jwtguard.core.store.RefreshLookup;
import io.jwtguard.core.store.RefreshTokenRecord;
import io.jwtguard.core.store.RefreshTokenState;
import io.jwtguard.core.store.RefreshTokenStore;
import io.jwtguard.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
        return start(subject, clientId, scope, groups, null);
    }

    /**
     * As {@link #start(String, String, Set, Set)}, binding the family to a DPoP key (RFC 9449 section 5).
     *
     * @param dpopThumbprint the RFC 7638 thumbprint of the key whose proof came with the login, or null
     *     for a bearer family; a bound family can only be refreshed with proofs by that key
     */
    public IssuedRefreshToken start(String subject, String clientId, Set<String> scope, Set<String> groups,
            String dpopThumbprint) {
        Instant now = clock.instant();
        RefreshFamily family = new RefreshFamily(OpaqueTokens.newId(), subject, clientId, scope, groups, now,
                now.plus(settings.absoluteLifetime()), null, dpopThumbprint);
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
        return rotate(presented, clientId, requestedScope, null);
    }

    /**
     * As {@link #rotate(String, String, Set)}, with the DPoP proof of the request (RFC 9449 section 5).
     *
     * <p>A family bound to a key is refreshed only with a proof by that key; the binding is checked
     * right after the token is found, before anything else about the family or token, so a request
     * without the key never rotates, never triggers reuse detection and never revokes: a thief who
     * holds a refresh token (even an already rotated one) but not the key cannot end the legitimate
     * client's session. A proof by another key is reported as {@link RefreshEventType#DPOP_KEY_MISMATCH}.
     * An unbound family stays unbound whatever proof comes with its refresh: binding it mid-family
     * would let whoever holds a stolen bearer refresh token bind the grant to their own key and lock
     * the legitimate client out.
     *
     * @param proofThumbprint the RFC 7638 thumbprint of the key of the request's verified DPoP proof, or
     *     null when the request carries none
     * @throws RefreshRejectedException with {@link RefreshFailure#DPOP_PROOF_REQUIRED} or
     *     {@link RefreshFailure#DPOP_KEY_MISMATCH} when a bound family's proof is missing or by another key
     */
    public IssuedRefreshToken rotate(String presented, String clientId, Set<String> requestedScope,
            String proofThumbprint) {
        if (!OpaqueTokens.wellFormed(presented)) {
            throw new RefreshRejectedException(presented == null || presented.isEmpty()
                    ? RefreshFailure.MALFORMED_REQUEST : RefreshFailure.UNKNOWN_TOKEN);
        }
        Instant now = clock.instant();
        RefreshLookup lookup = store.find(OpaqueTokens.hash(presented))
                .orElseThrow(() -> new RefreshRejectedException(RefreshFailure.UNKNOWN_TOKEN));
        RefreshFamily family = lookup.family();
        RefreshTokenRecord token = lookup.token();
        requireProofKey(family, proofThumbprint, now);
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

    /**
     * The subject of the family of a presented refresh token, read without changing anything (the
     * token service reads what it needs before {@link #rotate} commits).
     *
     * @param presented the refresh token as presented, may be null
     * @return its family's subject; empty for a malformed or unknown token
     * @throws io.jwtguard.core.store.StoreUnavailableException if the store cannot be read
     */
    public Optional<String> subjectOf(String presented) {
        if (!OpaqueTokens.wellFormed(presented)) {
            return Optional.empty();
        }
        return store.find(OpaqueTokens.hash(presented)).map(lookup -> lookup.family().subject());
    }

    private void requireProofKey(RefreshFamily family, String proofThumbprint, Instant now) {
        if (!family.dpopBound()) {
            return;
        }
        if (proofThumbprint == null) {
            throw new RefreshRejectedException(RefreshFailure.DPOP_PROOF_REQUIRED);
        }
        if (!MessageDigest.isEqual(family.dpopThumbprint().getBytes(StandardCharsets.US_ASCII),
                proofThumbprint.getBytes(StandardCharsets.US_ASCII))) {
            LOG.log(System.Logger.Level.WARNING, "A refresh token of DPoP-bound family " + family.familyId()
                    + " of client " + family.clientId() + " was presented with another key's proof; refused, "
                    + "family kept");
            emit(RefreshEventType.DPOP_KEY_MISMATCH, family, now);
            throw new RefreshRejectedException(RefreshFailure.DPOP_KEY_MISMATCH);
        }
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
        return revokeFamilyOf(presented, null, false);
    }

    /**
     * As {@link #revokeFamilyOf(String)}, for a family that may be bound to a DPoP key: revoking a bound
     * family takes a proof by its key, so that a thief who holds the refresh token but not the key
     * cannot end the legitimate client's session by revoking it.
     *
     * @param proofThumbprint the RFC 7638 thumbprint of the key of the request's verified DPoP proof,
     *     or null when the request carries none
     * @throws RefreshRejectedException with {@link RefreshFailure#DPOP_PROOF_REQUIRED} or
     *     {@link RefreshFailure#DPOP_KEY_MISMATCH} when the family is bound and the proof is missing or
     *     by another key (nothing is revoked)
     */
    public Optional<RefreshFamily> revokeFamilyOf(String presented, String proofThumbprint) {
        return revokeFamilyOf(presented, proofThumbprint, true);
    }

    private Optional<RefreshFamily> revokeFamilyOf(String presented, String proofThumbprint, boolean checkBinding) {
        if (!OpaqueTokens.wellFormed(presented)) {
            return Optional.empty();
        }
        Optional<RefreshLookup> lookup = store.find(OpaqueTokens.hash(presented));
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RefreshFamily family = lookup.get().family();
        if (checkBinding) {
            requireProofKey(family, proofThumbprint, now);
        }
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

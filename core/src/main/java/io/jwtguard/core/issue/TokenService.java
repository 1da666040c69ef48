package io.jwtguard.core.issue;

import io.jwtguard.core.refresh.IssuedRefreshToken;
import io.jwtguard.core.refresh.RefreshRejectedException;
import io.jwtguard.core.refresh.RefreshTokenService;
import io.jwtguard.core.verify.RevocationCheck;
import io.jwtguard.core.revocation.RevocationService;
import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.store.JdbcTokenStore;
import io.jwtguard.core.store.RefreshFamily;
import io.jwtguard.core.store.RefreshTokenStore;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * The token service of an application that logs its users in: after the application has
 * authenticated a user, {@link #issue} hands out a short-lived access token and a rotating
 * refresh token; {@link #refresh} rotates; {@link #revoke} implements RFC 7009 semantics;
 * {@link #revokeSubject} logs a user out everywhere. Login itself stays the application's.
 *
 * <p>Built by the configuration loader when {@code jwtguard.token-service.enabled=true}, or by hand
 * from its parts. Thread-safe. {@link #close()} releases the store's connection pool if the
 * service owns one.
 */
public final class TokenService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TokenService.class.getName());

    private final AccessTokenIssuer issuer;
    private final RefreshTokenService refreshTokens;
    private final RevocationService revocation;
    private final RefreshTokenStore refreshStore;
    private final RevocationStore revocationStore;
    private final Clock clock;
    private final AutoCloseable resources;
    private final PurgeSchedule purges;

    /**
     * @param issuer signs access tokens, not null
     * @param refreshTokens issues and rotates refresh tokens, not null
     * @param revocation revokes, not null
     * @param refreshStore the refresh store, for purging; not null
     * @param revocationStore the revocation store, for purging; not null
     * @param clock the time source, not null
     * @param resources closed by {@link #close()} (a connection pool), or null
     */
    public TokenService(AccessTokenIssuer issuer, RefreshTokenService refreshTokens, RevocationService revocation,
            RefreshTokenStore refreshStore, RevocationStore revocationStore, Clock clock, AutoCloseable resources) {
        this(issuer, refreshTokens, revocation, refreshStore, revocationStore, clock, resources, PurgeSchedule.OFF);
    }

    /**
     * As the constructor above, with a schedule on which logins and refreshes purge expired families
     * and revocation entries ({@link #purgeExpired()}); {@link PurgeSchedule#OFF} leaves purging to the caller.
     *
     * @param purges when to purge, not null
     */
    public TokenService(AccessTokenIssuer issuer, RefreshTokenService refreshTokens, RevocationService revocation,
            RefreshTokenStore refreshStore, RevocationStore revocationStore, Clock clock, AutoCloseable resources,
            PurgeSchedule purges) {
        this.purges = Objects.requireNonNull(purges, "purges");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.refreshStore = Objects.requireNonNull(refreshStore, "refreshStore");
        this.revocationStore = Objects.requireNonNull(revocationStore, "revocationStore");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resources = resources;
        // a family revoked by reuse detection takes its access tokens along (revoke() and
        // revokeFamily() do it themselves, so that a failure there is reported, not just logged)
        refreshTokens.addListener(event -> {
            if (event.type() == io.jwtguard.core.refresh.RefreshEventType.REUSE_DETECTED) {
                revocation.revokeGrant(event.familyId());
            }
        });
    }

    /**
     * Issues a token pair after the application authenticated {@code subject}.
     *
     * @throws io.jwtguard.core.store.StoreUnavailableException if the grant cannot be stored
     */
    public TokenPair issue(String subject, String clientId, Set<String> scope, Set<String> groups) {
        return issue(subject, clientId, scope, groups, null);
    }

    /**
     * As {@link #issue(String, String, Set, Set)}, for a client that proved a DPoP key at login
     * (RFC 9449 section 5): the access token carries {@code cnf.jkt} and the refresh family is bound to
     * the key, so every refresh must be proven by it and every later access token carries it too.
     *
     * @param dpopThumbprint the RFC 7638 thumbprint of the verified proof's key, or null for bearer tokens
     * @throws io.jwtguard.core.store.StoreUnavailableException if the grant cannot be stored
     */
    public TokenPair issue(String subject, String clientId, Set<String> scope, Set<String> groups,
            String dpopThumbprint) {
        // read before the grant exists: a "log out everywhere" that overlaps this login can only revoke it
        long epoch = revocation.subjectEpoch(subject);
        IssuedRefreshToken refresh = refreshTokens.start(subject, clientId, scope, groups, dpopThumbprint);
        TokenPair pair = new TokenPair(issuer.issue(subject, clientId, scope, groups, refresh.family().familyId(),
                refresh.family().createdAt(), epoch, dpopThumbprint), refresh, scope);
        purgeIfDue();
        return pair;
    }

    /**
     * The refresh-token grant (RFC 6749 section 6): rotates the refresh token and issues a new
     * access token for the grant's subject.
     *
     * @param refreshToken the presented token, may be null
     * @param clientId the requesting client, or null to skip the client check
     * @param requestedScope a scope no wider than the grant's for this access token, or null for the grant's
     * @throws RefreshRejectedException when refused (reason mapped to an RFC 6749 error)
     * @throws io.jwtguard.core.store.StoreUnavailableException when the rotation cannot be recorded (fail closed)
     */
    public TokenPair refresh(String refreshToken, String clientId, Set<String> requestedScope) {
        return refresh(refreshToken, clientId, requestedScope, null);
    }

    /**
     * As {@link #refresh(String, String, Set)}, with the request's DPoP proof (RFC 9449 section 5). A
     * family bound at login needs a proof by its key ({@link RefreshTokenService#rotate(String, String,
     * Set, String)}: refused otherwise, and nothing changes); its access tokens keep its {@code cnf.jkt}.
     * An unbound family stays unbound, whatever proof comes.
     *
     * @param proofThumbprint the RFC 7638 thumbprint of the verified proof's key, or null when the
     *     request carries no proof
     * @throws RefreshRejectedException when refused, {@link io.jwtguard.core.refresh.RefreshFailure#DPOP_PROOF_REQUIRED}
     *     and {@link io.jwtguard.core.refresh.RefreshFailure#DPOP_KEY_MISMATCH} among the reasons
     */
    public TokenPair refresh(String refreshToken, String clientId, Set<String> requestedScope,
            String proofThumbprint) {
        // Every store read comes before the rotation commits: a read that failed after it would answer
        // 503 for a rotation that happened, the client's retry with the token it still holds would look
        // like reuse, and the whole login would be revoked (the fault benchmark's PostgreSQL restart did
        // exactly that: docs/reliability.md). Reading the epoch first is also safe against "log out
        // everywhere" in between: it revokes the family (the rotation then fails) and records the grant
        // (sid) revocation of every family, which catches a rotation that won the race.
        Optional<String> subject = refreshTokens.subjectOf(refreshToken);
        long epoch = subject.isPresent() ? revocation.subjectEpoch(subject.get()) : 0;
        // the scope is checked before the rotation: a refused request must leave the grant as it was
        IssuedRefreshToken rotated = refreshTokens.rotate(refreshToken, clientId, requestedScope, proofThumbprint);
        RefreshFamily family = rotated.family();
        Set<String> scope = requestedScope != null && !requestedScope.isEmpty() ? requestedScope : family.scope();
        if (subject.isEmpty() || !subject.get().equals(family.subject())) {
            // unreachable (a token's family never changes subject); never issue with another's epoch
            throw new IllegalStateException("refresh family changed subject during a refresh");
        }
        // auth_time stays the login time: refreshing never makes a session look freshly authenticated
        TokenPair pair = new TokenPair(issuer.issue(family.subject(), family.clientId(), scope, family.groups(),
                family.familyId(), family.createdAt(), epoch, family.dpopThumbprint()), rotated, scope);
        purgeIfDue();
        return pair;
    }

    /**
     * Purges when the schedule says so, on this (login or refresh) thread; a store that fails is
     * logged and retried one interval later: the request that did the purge still gets its tokens.
     */
    private void purgeIfDue() {
        if (!purges.claim()) {
            return;
        }
        try {
            int purged = purgeExpired();
            LOG.log(System.Logger.Level.DEBUG, "JWT Guard purged {0} expired refresh families and revocation entries",
                    purged);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard could not purge expired refresh families and revocation "
                    + "entries (retried in " + purges.interval().orElseThrow() + "): " + e.getClass().getSimpleName());
        }
    }

    /**
     * RFC 7009 revocation: an access token of ours (signature checked, not expired) is revoked by
     * {@code jti}; a refresh token revokes its family and every access token issued from it
     * (RFC 7009 section 2.1, through their {@code sid}). Unknown, invalid or foreign tokens change
     * nothing, and the caller answers 200 all the same.
     *
     * @param token the token, may be null
     * @return whether this call revoked something (for logs and tests, never for the response)
     * @throws io.jwtguard.core.store.StoreUnavailableException if the store cannot record it
     */
    public boolean revoke(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        if (token.chars().filter(c -> c == '.').count() == 2) {
            return revokeAccessToken(token);
        }
        Optional<RefreshFamily> revoked = refreshTokens.revokeFamilyOf(token);
        revoked.ifPresent(family -> revocation.revokeGrant(family.familyId()));
        return revoked.isPresent();
    }

    /**
     * As {@link #revoke(String)}, with the request's DPoP proof: a refresh token of a family bound to
     * a DPoP key is revoked only with a proof by that key (RFC 9449 section 5 binds the refresh token;
     * this keeps a thief without the key from ending the user's session). Access tokens are revoked as
     * by {@link #revoke(String)}.
     *
     * @param proofThumbprint the RFC 7638 thumbprint of the verified proof's key, or null for none
     * @throws RefreshRejectedException with {@link io.jwtguard.core.refresh.RefreshFailure#DPOP_PROOF_REQUIRED}
     *     or {@link io.jwtguard.core.refresh.RefreshFailure#DPOP_KEY_MISMATCH} when a bound family's
     *     proof is missing or by another key; nothing is revoked
     */
    public boolean revoke(String token, String proofThumbprint) {
        if (token == null || token.isEmpty() || token.chars().filter(c -> c == '.').count() == 2) {
            return revoke(token);
        }
        Optional<RefreshFamily> revoked = refreshTokens.revokeFamilyOf(token, proofThumbprint);
        revoked.ifPresent(family -> revocation.revokeGrant(family.familyId()));
        return revoked.isPresent();
    }

    private boolean revokeAccessToken(String token) {
        JwtClaims claims;
        try {
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .setExpectedIssuer(issuer.settings().issuer())
                    .setSkipDefaultAudienceValidation()
                    .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            issuer.keyRing().algorithm().joseName()))
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                            new JsonWebKeySet(issuer.keyRing().jwks()).getJsonWebKeys()))
                    .build();
            claims = consumer.processToClaims(token);
            String jti = claims.getJwtId();
            Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            revocation.revokeAccessToken(jti, expiresAt);
            return true;
        } catch (InvalidJwtException | MalformedClaimException | JoseException e) {
            return false; // not ours, expired or forged: nothing to revoke (RFC 7009 section 2.2)
        }
    }

    /** Logs {@code subject} out everywhere; @return how many refresh families this call revoked */
    public int revokeSubject(String subject) {
        return revocation.revokeSubject(subject);
    }

    /** Revokes one refresh family by its identifier; @return whether this call revoked it */
    public boolean revokeFamily(String familyId) {
        boolean revoked = refreshTokens.revokeFamily(familyId);
        revocation.revokeGrant(familyId);
        return revoked;
    }

    /** @return the public JWK Set of the signing keys (no private parts) */
    public String jwks() {
        return issuer.keyRing().jwks();
    }

    /** @return the check the verifier must consult */
    public RevocationCheck revocationCheck() {
        return revocation.check();
    }

    /** @return the issuer */
    public AccessTokenIssuer accessTokens() {
        return issuer;
    }

    /** @return the refresh-token service */
    public RefreshTokenService refreshTokens() {
        return refreshTokens;
    }

    /** @return the revocation service */
    public RevocationService revocation() {
        return revocation;
    }

    /**
     * Deletes expired families, tokens and revocation entries now; logins and refreshes also call it
     * on the {@link PurgeSchedule} the service was built with.
     *
     * @return how many rows or entries went
     * @throws io.jwtguard.core.store.StoreUnavailableException if the store cannot be reached
     */
    public int purgeExpired() {
        Instant now = clock.instant();
        return refreshStore.purgeExpiredFamilies(now) + revocationStore.purgeExpiredRevocations(now);
    }

    /**
     * The number of revocation entries (revoked access-token {@code jti}s, grants and subject
     * cut-offs) the store lists now, expired ones not yet purged included; for observation. Reads
     * the store: with a database, one query per call.
     *
     * @return empty when the store cannot be read now
     */
    public OptionalLong revocationEntries() {
        try {
            return OptionalLong.of(revocationStore.snapshot(clock.instant()).size());
        } catch (StoreUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The number of refresh tokens held in memory (rotated ones are kept until their family expires,
     * for reuse detection); for observation.
     *
     * @return empty when the store is not the in-memory one (a database is observed with SQL)
     */
    public OptionalLong refreshTokenEntries() {
        return refreshStore instanceof InMemoryTokenStore memory ? OptionalLong.of(memory.refreshTokenCount())
                : OptionalLong.empty();
    }

    /**
     * Whether the token store's database answers ({@link JdbcTokenStore#isReachable(Duration)}),
     * for a readiness check.
     *
     * @param timeout how long the database's validity check may take, not null
     * @return empty when the store is not a database (in memory: nothing to check)
     */
    public Optional<Boolean> storeReachable(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (refreshStore instanceof JdbcTokenStore jdbc) {
            return Optional.of(jdbc.isReachable(timeout));
        }
        if (revocationStore instanceof JdbcTokenStore jdbc) {
            return Optional.of(jdbc.isReachable(timeout));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Closing the token store failed: " + e.getClass().getName());
            }
        }
    }

    @Override
    public String toString() {
        return "TokenService[" + issuer.keyRing() + ", iss=" + issuer.settings().issuer() + "]";
    }
}

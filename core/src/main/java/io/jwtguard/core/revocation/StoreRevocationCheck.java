package io.jwtguard.core.revocation;

import io.jwtguard.core.store.RevocationSnapshot;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.store.StoreUnavailableException;
import io.jwtguard.core.availability.OutageWarning;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A {@link RevocationCheck} backed by a {@link RevocationStore}. A token is revoked when its
 * {@code jti} is listed, or when its {@code sid} names a revoked grant (refresh family), or when its
 * subject has a cut-off ("log out everywhere") that the token is not after: judged by the
 * revocation epoch the token carries ({@value RevocationService#SUBJECT_EPOCH_CLAIM}, see
 * {@link RevocationService#revokeSubject}), or, for a token without one, by its {@code iat} (a
 * token without {@code iat} counts as issued before any cut-off).
 *
 * <p><b>Propagation bound.</b> The check holds an immutable snapshot of the store's live entries
 * and reloads it, on the verifying thread, by the first verification at or after
 * {@code pollInterval} since the last load. A revocation committed by any node at time R is
 * therefore enforced by every node for every verification that starts at or after
 * {@code R + pollInterval} (plus {@code staleIfError} while the store cannot be read). Revocations
 * made through this node's {@link RevocationService} call {@link #refreshNow()} and apply to the
 * very next verification here. With {@code pollInterval} zero every verification reads the store
 * (right for {@link io.jwtguard.core.store.InMemoryTokenStore}, whose snapshot is one volatile read).
 *
 * <p><b>Fail closed.</b> When a reload fails and the last good snapshot is older than
 * {@code pollInterval + staleIfError}, verification throws {@link VerificationUnavailableException}
 * ("we are broken": HTTP 503 at the edge) instead of accepting tokens on a stale list.
 *
 * <p><b>Reloads after a local revocation.</b> {@link #refreshNow()} bumps a generation number; every
 * reload records the generation it started in, read before it reads the store, and a snapshot of an
 * older generation is never served once a newer one was asked for. So a reload that read the store
 * before the revocation committed (and finishes after {@code refreshNow()}) cannot hide it: the next
 * verification reloads again, and what it reads was read after the revocation committed.
 *
 * <p>Thread-safe; reloads are single-flight, so loads are installed in the order they started.
 */
public final class StoreRevocationCheck implements RevocationCheck {
    private static final System.Logger LOG = System.getLogger(StoreRevocationCheck.class.getName());
    // while the store is down every verification would log one of these: one line a minute instead
    // (the fault benchmark's PostgreSQL restart logged 6,400 in 30 s before)
    private static final OutageWarning STALE_WARNING = OutageWarning.logging(LOG);
    private static final OutageWarning REFUSING_WARNING = OutageWarning.logging(LOG);

    private final RevocationStore store;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration staleIfError;
    private final Object reloadLock = new Object();
    /** Bumped by {@link #refreshNow()}: snapshots of a lower generation may predate a local revocation. */
    private final AtomicLong requested = new AtomicLong();
    private volatile Loaded loaded;

    private record Loaded(RevocationSnapshot snapshot, Instant loadedAt, Instant nextPoll, long generation) {
        boolean serves(Instant now, long wanted) {
            return generation >= wanted && now.isBefore(nextPoll);
        }
    }

    /**
     * @param store the shared store, not null
     * @param clock the time source (the verifier's), not null
     * @param pollInterval the longest time between two reloads; zero reads the store on every check
     * @param staleIfError how long past {@code pollInterval} the last snapshot serves while reloads fail
     */
    public StoreRevocationCheck(RevocationStore store, Clock clock, Duration pollInterval, Duration staleIfError) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.staleIfError = Objects.requireNonNull(staleIfError, "staleIfError");
        if (pollInterval.isNegative() || staleIfError.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A token without {@code iat} (accepted only when the lifetime is unbounded and no age is
     * set) cannot be shown to be issued after a subject's cut-off, so it counts as issued before;
     * its {@code jti} and {@code sid} are checked all the same.
     */
    @Override
    public boolean isRevoked(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        return current().revokes(token.getTokenID(), token.getSubject(), longClaim(token, Claims.iat.name()),
                sid instanceof String ? (String) sid : null, longClaim(token, RevocationService.SUBJECT_EPOCH_CLAIM));
    }

    /** @return the claim as a long, or null when absent or not an integral number (never unboxes null) */
    private static Long longClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value instanceof Long || value instanceof Integer ? ((Number) value).longValue() : null;
    }

    /** @return the longest time a revocation made on another node takes to apply here */
    public Duration propagationBound() {
        return pollInterval.plus(staleIfError);
    }

    /**
     * Makes every check that starts after this call returns use a list read from the store after
     * this call began (after a revocation on this node: call it once the revocation committed). A
     * reload already in progress does not satisfy it, whatever it finds.
     */
    public void refreshNow() {
        requested.incrementAndGet();
    }

    /** @return the snapshot in force now, reloading it if due */
    RevocationSnapshot current() {
        Instant now = clock.instant();
        if (pollInterval.isZero()) {
            try {
                return store.snapshot(now);
            } catch (StoreUnavailableException e) {
                throw unavailable(e);
            }
        }
        long wanted = requested.get();
        Loaded current = loaded;
        if (current != null && current.serves(now, wanted)) {
            return current.snapshot();
        }
        synchronized (reloadLock) {
            current = loaded;
            if (current != null && current.serves(now, wanted)) {
                return current.snapshot(); // another thread reloaded, after our wanted generation, while we waited
            }
            // read before the store: a refreshNow() from here on makes this load too old to serve it
            long generation = requested.get();
            try {
                RevocationSnapshot snapshot = store.snapshot(now);
                loaded = new Loaded(snapshot, now, now.plus(pollInterval), generation);
                return snapshot;
            } catch (StoreUnavailableException e) {
                if (current != null && now.isBefore(current.loadedAt().plus(pollInterval).plus(staleIfError))) {
                    STALE_WARNING.warn("Revocation store unreadable; serving the list loaded at "
                            + current.loadedAt() + " (" + e.getMessage() + ")");
                    return current.snapshot();
                }
                throw unavailable(e);
            }
        }
    }

    private static VerificationUnavailableException unavailable(StoreUnavailableException e) {
        REFUSING_WARNING.warn("Revocation store unreadable; refusing to verify: " + e.getMessage());
        return new VerificationUnavailableException(VerificationUnavailableException.Source.REVOCATION_STORE,
                "the revocation store cannot be read: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "StoreRevocationCheck[" + store + ", poll=" + pollInterval + ", staleIfError=" + staleIfError + "]";
    }
}

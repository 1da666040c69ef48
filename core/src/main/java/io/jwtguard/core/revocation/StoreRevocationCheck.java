package io.jwtguard.core.revocation;

import io.jwtguard.core.store.RevocationSnapshot;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.store.StoreUnavailableException;
import io.jwtguard.core.verify.KeySourceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A {@link RevocationCheck} backed by a {@link RevocationStore}. A token is revoked when its
 * {@code jti} is listed, or when its subject has a cut-off and its {@code iat} is not after it (a
 * token without {@code iat} counts as issued before any cut-off), or when its {@code sid} names a
 * revoked grant (refresh family).
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
 * {@code pollInterval + staleIfError}, verification throws {@link KeySourceUnavailableException}
 * ("we are broken": HTTP 503 at the edge) instead of accepting tokens on a stale list.
 *
 * <p>Thread-safe; reloads are single-flight.
 */
public final class StoreRevocationCheck implements RevocationCheck {
    private static final System.Logger LOG = System.getLogger(StoreRevocationCheck.class.getName());

    private final RevocationStore store;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration staleIfError;
    private final Object reloadLock = new Object();
    private volatile Loaded loaded;

    private record Loaded(RevocationSnapshot snapshot, Instant loadedAt, Instant nextPoll) {
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

    @Override
    public boolean isRevoked(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        return current().revokes(token.getTokenID(), token.getSubject(), token.getIssuedAtTime(),
                sid instanceof String ? (String) sid : null);
    }

    /** @return the longest time a revocation made on another node takes to apply here */
    public Duration propagationBound() {
        return pollInterval.plus(staleIfError);
    }

    /** Makes the next check reload the store (after a revocation on this node). */
    public void refreshNow() {
        Loaded current = loaded;
        if (current != null) {
            loaded = new Loaded(current.snapshot(), current.loadedAt(), Instant.MIN);
        }
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
        Loaded current = loaded;
        if (current != null && now.isBefore(current.nextPoll())) {
            return current.snapshot();
        }
        synchronized (reloadLock) {
            current = loaded;
            if (current != null && now.isBefore(current.nextPoll())) {
                return current.snapshot(); // another thread reloaded while we waited
            }
            try {
                RevocationSnapshot snapshot = store.snapshot(now);
                loaded = new Loaded(snapshot, now, now.plus(pollInterval));
                return snapshot;
            } catch (StoreUnavailableException e) {
                if (current != null && now.isBefore(current.loadedAt().plus(pollInterval).plus(staleIfError))) {
                    LOG.log(System.Logger.Level.WARNING, "Revocation store unreadable; serving the list loaded at "
                            + current.loadedAt() + " (" + e.getMessage() + ")");
                    return current.snapshot();
                }
                throw unavailable(e);
            }
        }
    }

    private static KeySourceUnavailableException unavailable(StoreUnavailableException e) {
        LOG.log(System.Logger.Level.WARNING, "Revocation store unreadable; refusing to verify: " + e.getMessage());
        return new KeySourceUnavailableException("the revocation store cannot be read: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "StoreRevocationCheck[" + store + ", poll=" + pollInterval + ", staleIfError=" + staleIfError + "]";
    }
}

package io.jwtguard.core.store;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.dpop.ReplayCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The DPoP {@link ReplayCache} of a cluster: one table ({@code jwtguard_dpop_proof}, schema in
 * {@value #SCHEMA_RESOURCE}) shared by every node, each node with its own instance and connection pool.
 *
 * <p><b>First sight wins:</b> a use is a plain {@code INSERT} of the proof's digest (the key's
 * thumbprint and the {@code jti}, hashed by the verifier: never the proof) under a primary key. The
 * database lets exactly one of any number of concurrent inserts of one key commit, on every node; the
 * others get an integrity violation (SQLState class {@code 23}) and are replays. A row whose proof has
 * expired is taken over by a conditional {@code UPDATE ... WHERE expires_at <= now}, again atomic.
 *
 * <p><b>Expiry and purge:</b> a row lives until its proof's {@code iat} plus the proof age plus the
 * skew, after which the verifier refuses the proof as stale anyway. At most once per purge interval a
 * node deletes at most {@value #PURGE_BATCH} expired rows (one statement, bounded work per request) and
 * counts the live ones.
 *
 * <p><b>Bounded:</b> when the live rows (counted at the last purge, plus this node's inserts since)
 * reach {@code maxEntries}, new proofs are refused with 503 until a purge makes room, never by
 * forgetting a live proof (which would make it replayable). Other nodes' inserts since the last count
 * are not seen, so the table may exceed the bound by what the cluster accepts in one purge interval.
 *
 * <p><b>Fail closed:</b> any other {@link SQLException} (database down, pool exhausted, timeout, closed
 * data source) is a {@link VerificationUnavailableException} with source {@code DPOP_REPLAY_CACHE}: the
 * request is answered 503, never accepted without the record.
 *
 * <p>Thread-safe. Messages name the operation and the SQLState, never a proof or digest.
 */
public final class JdbcReplayCache implements ReplayCache, AutoCloseable {
    /** The schema resource on the class path. */
    public static final String SCHEMA_RESOURCE = "io/jwtguard/core/store/dpop-replay-schema.sql";
    /** The most expired rows one purge deletes. */
    public static final int PURGE_BATCH = 1000;
    /** Default interval between a node's purges. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final int maxEntries;
    private final Clock clock;
    private final Duration purgeInterval;
    /** Closed with this cache, when it owns the data source; else null. */
    private final AutoCloseable owned;
    private final ReentrantLock purging = new ReentrantLock();
    /** Live rows at the last count plus this node's inserts since. */
    private final AtomicLong estimatedSize = new AtomicLong();
    private volatile Instant nextPurge = Instant.MIN;

    /**
     * @param dataSource connections to the database holding the schema, not null
     * @param maxEntries the most unexpired proofs remembered at once, at least 1
     * @param clock the time source (expiry and purge), not null
     * @param purgeInterval the least time between two purges by this node, positive
     * @param owned closed by {@link #close()} (the data source when this cache created it), or null
     */
    public JdbcReplayCache(DataSource dataSource, int maxEntries, Clock clock, Duration purgeInterval,
            AutoCloseable owned) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purgeInterval = Objects.requireNonNull(purgeInterval, "purgeInterval");
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("purgeInterval must be positive");
        }
        this.owned = owned;
    }

    /**
     * Applies the shipped schema ({@code CREATE ... IF NOT EXISTS}: repeated calls and concurrent nodes
     * are harmless).
     *
     * @throws StoreUnavailableException if the database refuses it
     */
    public void applySchema() {
        JdbcScripts.apply(dataSource, SCHEMA_RESOURCE);
    }

    @Override
    public boolean firstUse(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (!now.isBefore(nextPurge)) {
            purge(now);
        }
        if (estimatedSize.get() >= maxEntries) {
            throw new VerificationUnavailableException(VerificationUnavailableException.Source.DPOP_REPLAY_CACHE,
                    "the JDBC DPoP replay cache is full (" + maxEntries + " unexpired proofs)", null);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO jwtguard_dpop_proof (proof_key, expires_at) VALUES (?, ?)")) {
                s.setString(1, key);
                s.setLong(2, expiresAt.toEpochMilli());
                s.executeUpdate();
                estimatedSize.incrementAndGet();
                return true;
            } catch (SQLException e) {
                if (!isIntegrityViolation(e)) {
                    throw e;
                }
            }
            // known: a replay, unless the known row has expired (then the first to take it over wins)
            try (PreparedStatement s = c.prepareStatement("UPDATE jwtguard_dpop_proof SET expires_at = ? "
                    + "WHERE proof_key = ? AND expires_at <= ?")) {
                s.setLong(1, expiresAt.toEpochMilli());
                s.setString(2, key);
                s.setLong(3, now.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw unavailable("record a DPoP proof", e);
        }
    }

    /**
     * Deletes at most {@value #PURGE_BATCH} expired rows and counts the live ones; one purge at a time
     * per node (a concurrent caller goes on without waiting). Called by {@link #firstUse} at most once
     * per purge interval; callable by a scheduler too.
     *
     * @param now the current time, not null
     * @return the rows deleted, 0 when another purge was running
     * @throws VerificationUnavailableException with source {@code DPOP_REPLAY_CACHE} if the database fails
     */
    public int purge(Instant now) {
        Objects.requireNonNull(now, "now");
        if (!purging.tryLock()) {
            return 0;
        }
        try {
            nextPurge = now.plus(purgeInterval);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                int deleted;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM jwtguard_dpop_proof WHERE expires_at <= ? AND proof_key IN "
                        + "(SELECT proof_key FROM jwtguard_dpop_proof WHERE expires_at <= ? "
                        + "FETCH FIRST " + PURGE_BATCH + " ROWS ONLY)")) {
                    // the outer condition is checked again on a row another node took over meanwhile
                    s.setLong(1, now.toEpochMilli());
                    s.setLong(2, now.toEpochMilli());
                    deleted = s.executeUpdate();
                }
                if (deleted >= PURGE_BATCH) {
                    nextPurge = now; // more expired rows wait: the next call purges again
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM jwtguard_dpop_proof WHERE expires_at > ?")) {
                    s.setLong(1, now.toEpochMilli());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        estimatedSize.set(r.getLong(1));
                    }
                }
                return deleted;
            } catch (SQLException e) {
                nextPurge = now; // try again on the next call rather than trusting a stale count
                throw unavailable("purge expired DPoP proofs", e);
            }
        } finally {
            purging.unlock();
        }
    }

    /** @return the live rows counted at the last purge plus this node's inserts since */
    public long estimatedSize() {
        return estimatedSize.get();
    }

    /** Closes the data source when this cache owns it. Idempotent when the data source's close is. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the DPoP replay cache's data source failed", e);
            }
        }
    }

    private static boolean isIntegrityViolation(SQLException e) {
        // 23xxx: integrity constraint violation (PostgreSQL 23505, MySQL and Oracle 23000): the key is known
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static VerificationUnavailableException unavailable(String operation, SQLException e) {
        return new VerificationUnavailableException(VerificationUnavailableException.Source.DPOP_REPLAY_CACHE,
                "cannot " + operation + " in the JDBC replay cache (SQLState " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcReplayCache[~" + estimatedSize.get() + "/" + maxEntries + "]";
    }
}

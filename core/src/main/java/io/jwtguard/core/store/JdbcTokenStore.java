package io.jwtguard.core.store;

import static io.jwtguard.core.store.JdbcValues.bind;
import static io.jwtguard.core.store.JdbcValues.fromJson;
import static io.jwtguard.core.store.JdbcValues.instant;
import static io.jwtguard.core.store.JdbcValues.scope;
import static io.jwtguard.core.store.JdbcValues.setInstant;
import static io.jwtguard.core.store.JdbcValues.toJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Both stores in one relational database, for clusters: every node gets its own instance (and
 * connection pool) over the same database. Plain {@code java.sql}, no ORM; the schema ships as
 * {@code io/jwtguard/core/store/schema.sql} and {@link #applySchema()} applies it (idempotent).
 *
 * <p><b>Migration:</b> the DPoP binding of a family (RFC 9449 section 5) is the column
 * {@code jwtguard_refresh_family.dpop_jkt}, added by its own {@code ALTER TABLE ... ADD COLUMN IF NOT
 * EXISTS} statement in the schema, so {@link #applySchema()} migrates a table created by an earlier
 * version. Where the schema is managed by hand, a missing column fails every refresh-family operation
 * with a {@link StoreUnavailableException} that names the column and the statement
 * ({@link #DPOP_COLUMN_MIGRATION}) to run.
 * Tested on PostgreSQL 17; the SQL is standard apart from {@code CREATE ... IF NOT EXISTS}.
 *
 * <p><b>Rotation is a compare-and-set:</b> {@code UPDATE ... SET state='ROTATED' WHERE
 * token_hash=? AND state='ACTIVE'} in the same transaction as the successor's insert. Under READ
 * COMMITTED (or stricter) two nodes racing on one token serialise on the row lock, the second
 * re-reads the row, finds it rotated and updates nothing: exactly one rotation wins.
 *
 * <p>Thread-safe (each call borrows its own connection). Every {@link SQLException} becomes a
 * {@link StoreUnavailableException} whose message names the operation, never a token hash.
 */
public final class JdbcTokenStore implements RefreshTokenStore, RevocationStore {
    /** The schema resource on the class path. */
    public static final String SCHEMA_RESOURCE = "io/jwtguard/core/store/schema.sql";

    private static final String FAMILY_COLUMNS =
            "f.family_id, f.subject, f.client_id, f.scope, f.groups_json, f.created_at, f.absolute_expiry, f.revoked_at, "
            + "f.dpop_jkt";
    private static final String TOKEN_COLUMNS =
            "t.token_hash, t.family_id, t.issued_at, t.expires_at, t.state, t.rotated_at, t.successor_hash";

    /** The statement that adds the DPoP binding column to a family table made before it existed. */
    public static final String DPOP_COLUMN_MIGRATION =
            "ALTER TABLE jwtguard_refresh_family ADD COLUMN dpop_jkt VARCHAR(64)";
    /** SQLStates of an unknown column: the standard's and MySQL's. */
    private static final java.util.Set<String> MISSING_COLUMN_STATES = java.util.Set.of("42703", "42S22");

    private final DataSource dataSource;

    /** @param dataSource connections to the database holding the schema, not null */
    public JdbcTokenStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Whether the database answers, for a readiness check: borrows a connection and asks the
     * driver whether it is still valid ({@link Connection#isValid(int)}) within {@code timeout}
     * (whole seconds, at least one). Waiting for a connection is bounded by the data source (the
     * built-in pool's borrow timeout); a first connection to an unreachable host by the driver's
     * connect timeout. Reads and writes nothing. Never throws.
     *
     * @param timeout how long the validity check may take, not null
     * @return true if a valid connection was obtained
     */
    public boolean isReachable(Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(seconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Applies the shipped schema ({@code CREATE ... IF NOT EXISTS}, so repeated calls and
     * concurrent nodes are harmless).
     *
     * @throws StoreUnavailableException if the database refuses it
     */
    public void applySchema() {
        JdbcScripts.apply(dataSource, SCHEMA_RESOURCE);
    }

    // ---- refresh tokens ----

    @Override
    public void createFamily(RefreshFamily family, RefreshTokenRecord first) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement f = c.prepareStatement("INSERT INTO jwtguard_refresh_family (family_id, subject, "
                    + "client_id, scope, groups_json, created_at, absolute_expiry, revoked_at, dpop_jkt) "
                    + "VALUES (?,?,?,?,?,?,?,?,?)")) {
                f.setString(1, family.familyId());
                f.setString(2, family.subject());
                f.setString(3, family.clientId());
                f.setString(4, String.join(" ", family.scope()));
                f.setString(5, toJson(family.groups()));
                f.setLong(6, family.createdAt().toEpochMilli());
                f.setLong(7, family.absoluteExpiry().toEpochMilli());
                setInstant(f, 8, family.revokedAt());
                f.setString(9, family.dpopThumbprint());
                f.executeUpdate();
                insertToken(c, first);
                c.commit();
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("create a refresh family", e);
        }
    }

    @Override
    public Optional<RefreshLookup> find(String tokenHash) {
        String sql = "SELECT " + TOKEN_COLUMNS + ", " + FAMILY_COLUMNS + " FROM jwtguard_refresh_token t "
                + "JOIN jwtguard_refresh_family f ON f.family_id = t.family_id WHERE t.token_hash = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            s.setString(1, tokenHash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                RefreshTokenRecord token = new RefreshTokenRecord(r.getString(1), r.getString(2),
                        instant(r, 3), instant(r, 4), RefreshTokenState.valueOf(r.getString(5)), instant(r, 6),
                        r.getString(7));
                RefreshFamily family = new RefreshFamily(r.getString(8), r.getString(9), r.getString(10),
                        scope(r.getString(11)), fromJson(r.getString(12)), instant(r, 13), instant(r, 14),
                        instant(r, 15), r.getString(16));
                return Optional.of(new RefreshLookup(token, family));
            }
        } catch (SQLException e) {
            throw unavailable("look up a refresh token", e);
        }
    }

    @Override
    public boolean rotate(String consumedHash, Instant now, RefreshTokenRecord successor) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE jwtguard_refresh_token SET state = 'ROTATED', "
                    + "rotated_at = ?, successor_hash = ? WHERE token_hash = ? AND state = 'ACTIVE' AND family_id = ? "
                    + "AND EXISTS (SELECT 1 FROM jwtguard_refresh_family f WHERE f.family_id = ? "
                    + "AND f.revoked_at IS NULL)")) {
                s.setLong(1, now.toEpochMilli());
                s.setString(2, successor.tokenHash());
                s.setString(3, consumedHash);
                s.setString(4, successor.familyId());
                s.setString(5, successor.familyId());
                if (s.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                insertToken(c, successor);
                c.commit();
                return true;
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("rotate a refresh token", e);
        }
    }

    @Override
    public boolean revokeFamily(String familyId, Instant now) {
        return update("revoke a refresh family", "UPDATE jwtguard_refresh_family SET revoked_at = ? "
                + "WHERE family_id = ? AND revoked_at IS NULL", now.toEpochMilli(), familyId) == 1;
    }

    @Override
    public int revokeFamiliesOfSubject(String subject, Instant now) {
        return update("revoke the refresh families of a subject", "UPDATE jwtguard_refresh_family SET revoked_at = ? "
                + "WHERE subject = ? AND revoked_at IS NULL", now.toEpochMilli(), subject);
    }

    @Override
    public List<String> familyIdsOfSubject(String subject) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT family_id FROM jwtguard_refresh_family WHERE subject = ?")) {
            c.setAutoCommit(true);
            s.setString(1, subject);
            List<String> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw unavailable("list the refresh families of a subject", e);
        }
    }

    @Override
    public int purgeExpiredFamilies(Instant now) {
        // tokens go with their family (ON DELETE CASCADE); deleted explicitly too for databases without it
        update("purge expired refresh tokens", "DELETE FROM jwtguard_refresh_token WHERE family_id IN "
                + "(SELECT family_id FROM jwtguard_refresh_family WHERE absolute_expiry < ?)", now.toEpochMilli());
        return update("purge expired refresh families", "DELETE FROM jwtguard_refresh_family WHERE absolute_expiry < ?",
                now.toEpochMilli());
    }

    // ---- revocations ----

    @Override
    public void revokeAccessToken(String jti, Instant expiresAt) {
        upsert("revoke an access token",
                "UPDATE jwtguard_revoked_jti SET expires_at = GREATEST(expires_at, ?) WHERE jti = ?",
                "INSERT INTO jwtguard_revoked_jti (jti, expires_at) VALUES (?, ?)",
                new Object[] {expiresAt.toEpochMilli(), jti}, new Object[] {jti, expiresAt.toEpochMilli()});
    }

    @Override
    public void revokeGrant(String grantId, Instant expiresAt) {
        upsert("revoke a grant",
                "UPDATE jwtguard_revoked_grant SET expires_at = GREATEST(expires_at, ?) WHERE grant_id = ?",
                "INSERT INTO jwtguard_revoked_grant (grant_id, expires_at) VALUES (?, ?)",
                new Object[] {expiresAt.toEpochMilli(), grantId}, new Object[] {grantId, expiresAt.toEpochMilli()});
    }

    @Override
    public void revokeSubject(String subject, Instant issuedBefore, Instant expiresAt) {
        upsert("revoke a subject",
                // + 1: every call starts a new epoch, even from a node whose clock is behind
                "UPDATE jwtguard_revoked_subject SET revoked_before = GREATEST(revoked_before + 1, ?), "
                        + "expires_at = GREATEST(expires_at, ?) WHERE subject = ?",
                "INSERT INTO jwtguard_revoked_subject (subject, revoked_before, expires_at) VALUES (?, ?, ?)",
                new Object[] {issuedBefore.toEpochMilli(), expiresAt.toEpochMilli(), subject},
                new Object[] {subject, issuedBefore.toEpochMilli(), expiresAt.toEpochMilli()});
    }

    @Override
    public long subjectEpoch(String subject) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT revoked_before FROM jwtguard_revoked_subject WHERE subject = ?")) {
            c.setAutoCommit(true);
            s.setString(1, subject);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw unavailable("read the revocation epoch of a subject", e);
        }
    }

    @Override
    public RevocationSnapshot snapshot(Instant now) {
        Map<String, Instant> jtis = new HashMap<>();
        Map<String, Instant> subjects = new HashMap<>();
        Map<String, Instant> grants = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT jti, expires_at FROM jwtguard_revoked_jti WHERE expires_at >= ?")) {
                s.setLong(1, now.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        jtis.put(r.getString(1), instant(r, 2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT subject, revoked_before FROM jwtguard_revoked_subject WHERE expires_at >= ?")) {
                s.setLong(1, now.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        subjects.put(r.getString(1), instant(r, 2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT grant_id, expires_at FROM jwtguard_revoked_grant WHERE expires_at >= ?")) {
                s.setLong(1, now.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        grants.put(r.getString(1), instant(r, 2));
                    }
                }
            }
        } catch (SQLException e) {
            throw unavailable("read revocations", e);
        }
        return new RevocationSnapshot(jtis, subjects, grants);
    }

    @Override
    public int purgeExpiredRevocations(Instant now) {
        return update("purge expired revocations", "DELETE FROM jwtguard_revoked_jti WHERE expires_at < ?",
                now.toEpochMilli())
                + update("purge expired revocations", "DELETE FROM jwtguard_revoked_subject WHERE expires_at < ?",
                        now.toEpochMilli())
                + update("purge expired revocations", "DELETE FROM jwtguard_revoked_grant WHERE expires_at < ?",
                        now.toEpochMilli());
    }

    // ---- helpers ----

    private static void insertToken(Connection c, RefreshTokenRecord t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO jwtguard_refresh_token (token_hash, family_id, "
                + "issued_at, expires_at, state, rotated_at, successor_hash) VALUES (?,?,?,?,?,?,?)")) {
            s.setString(1, t.tokenHash());
            s.setString(2, t.familyId());
            s.setLong(3, t.issuedAt().toEpochMilli());
            s.setLong(4, t.expiresAt().toEpochMilli());
            s.setString(5, t.state().name());
            setInstant(s, 6, t.rotatedAt());
            s.setString(7, t.successorHash());
            s.executeUpdate();
        }
    }

    private int update(String operation, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            bind(s, parameters);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(operation, e);
        }
    }

    /** Update, else insert; an insert that loses a race to another node's insert updates after all. */
    private void upsert(String operation, String updateSql, String insertSql, Object[] updateParameters,
            Object[] insertParameters) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (update(operation, updateSql, updateParameters) == 1) {
                return;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(insertSql)) {
                c.setAutoCommit(true);
                bind(s, insertParameters);
                s.executeUpdate();
                return;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) { // 23xxx: integrity violation
                    throw unavailable(operation, e);
                }
            }
        }
        throw new StoreUnavailableException("cannot " + operation + ": concurrent writers kept winning", null);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private static StoreUnavailableException unavailable(String operation, SQLException e) {
        if (MISSING_COLUMN_STATES.contains(e.getSQLState())) {
            // most likely a table created before the DPoP binding column existed
            return new StoreUnavailableException("cannot " + operation + " in the JDBC token store: a column is "
                    + "missing (SQLState " + e.getSQLState() + "). Tables created before DPoP support lack "
                    + "jwtguard_refresh_family.dpop_jkt: set jwtguard.store.jdbc.apply-schema=true (it adds the "
                    + "column) or run: " + DPOP_COLUMN_MIGRATION, e);
        }
        return new StoreUnavailableException("cannot " + operation + " in the JDBC token store (SQLState "
                + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcTokenStore";
    }
}

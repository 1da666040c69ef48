package io.jwtguard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.Postgres;
import io.jwtguard.core.testing.TestConfigs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC DPoP replay cache on a real PostgreSQL 17: first use, expiry, bounded purge, bounded size, outage. */
class JdbcReplayCacheTest {
    private static final Duration PURGE = Duration.ofSeconds(1);
    private static String url;
    private static JdbcConnectionPool pool;
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);

    @BeforeAll
    static void database() {
        url = Postgres.newDatabase();
        pool = Postgres.pool(url, 4);
        new JdbcReplayCache(pool, 1, java.time.Clock.systemUTC(), PURGE, null).applySchema();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        execute("DELETE FROM jwtguard_dpop_proof");
    }

    private JdbcReplayCache cache(int maxEntries) {
        return new JdbcReplayCache(pool, maxEntries, clock, PURGE, null);
    }

    private static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Instant inAMinute() {
        return clock.instant().plusSeconds(60);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long rows() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jwtguard_dpop_proof")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void unavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VerificationUnavailableException.class)
                .extracting(e -> ((VerificationUnavailableException) e).source())
                .isEqualTo(VerificationUnavailableException.Source.DPOP_REPLAY_CACHE);
    }

    @Test
    void firstUseWhenKeyNewThenTrueAndWhenRepeatedThenFalse() {
        JdbcReplayCache cache = cache(100);
        String key = key();
        assertThat(cache.firstUse(key, inAMinute())).isTrue();
        assertThat(cache.firstUse(key, inAMinute())).isFalse();
        assertThat(cache.firstUse(key(), inAMinute())).isTrue();
    }

    @Test
    void firstUseWhenKnownOnAnotherNodeThenFalse() {
        JdbcReplayCache nodeA = cache(100);
        String key = key();
        try (JdbcConnectionPool otherPool = Postgres.pool(url, 1)) {
            JdbcReplayCache nodeB = new JdbcReplayCache(otherPool, 100, clock, PURGE, null);
            assertThat(nodeB.firstUse(key, inAMinute())).isTrue();
            assertThat(nodeA.firstUse(key, inAMinute())).isFalse();
        }
    }

    @Test
    void firstUseWhenKnownRowExpiredThenTakenOverOnce() {
        JdbcReplayCache cache = cache(100);
        String key = key();
        assertThat(cache.firstUse(key, clock.instant().plusSeconds(10))).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.firstUse(key, inAMinute())).isFalse();
        clock.advance(Duration.ofSeconds(5)); // the row's expiry: the proof is stale from here on
        assertThat(cache.firstUse(key, inAMinute())).isTrue();
        assertThat(cache.firstUse(key, inAMinute())).isFalse();
    }

    @Test
    void firstUseNeverStoresTheKeyUnderAnotherNameOrAnythingElse() throws SQLException {
        JdbcReplayCache cache = cache(100);
        String key = key();
        cache.firstUse(key, inAMinute());
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM jwtguard_dpop_proof")) {
            assertThat(r.getMetaData().getColumnCount()).isEqualTo(2);
            r.next();
            assertThat(r.getString("proof_key")).isEqualTo(key);
            assertThat(r.getLong("expires_at")).isEqualTo(inAMinute().toEpochMilli());
        }
    }

    @Test
    void purgeWhenManyExpiredRowsThenAtMostOneBatchPerCallAndLiveRowsKept() throws SQLException {
        long past = clock.instant().minusSeconds(1).toEpochMilli();
        execute("INSERT INTO jwtguard_dpop_proof (proof_key, expires_at) SELECT 'old' || g, " + past
                + " FROM generate_series(1, " + (JdbcReplayCache.PURGE_BATCH * 2 + 500) + ") g");
        JdbcReplayCache cache = cache(100_000);
        String live = key();
        assertThat(cache.firstUse(live, inAMinute())).isTrue(); // first call purges one batch
        assertThat(rows()).isEqualTo(JdbcReplayCache.PURGE_BATCH + 500 + 1);
        // a full batch means more wait: the next call purges again without waiting for the interval
        assertThat(cache.firstUse(key(), inAMinute())).isTrue();
        assertThat(rows()).isEqualTo(500 + 2);
        assertThat(cache.purge(clock.instant())).isEqualTo(500);
        assertThat(cache.purge(clock.instant())).isZero();
        assertThat(rows()).isEqualTo(2);
        assertThat(cache.firstUse(live, inAMinute())).isFalse();
    }

    @Test
    void firstUseWhenPurgeDueThenExpiredRowsGoAndNotBefore() throws SQLException {
        JdbcReplayCache cache = cache(100);
        assertThat(cache.firstUse(key(), clock.instant().plusSeconds(2))).isTrue();
        clock.advance(Duration.ofSeconds(3)); // expired, and a purge is due
        assertThat(cache.firstUse(key(), inAMinute())).isTrue();
        assertThat(rows()).isEqualTo(1);
        assertThat(cache.firstUse(key(), clock.instant().plusSeconds(1))).isTrue();
        clock.advance(Duration.ofMillis(1500)); // that one expired, but the last purge was 1.5 s ago: due again
        assertThat(cache.firstUse(key(), inAMinute())).isTrue();
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void firstUseWhenFullOfLiveProofsThenUnavailableUntilTheyExpire() throws SQLException {
        JdbcReplayCache cache = cache(3);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.firstUse(key(), clock.instant().plusSeconds(10))).isTrue();
        }
        String next = key();
        unavailable(() -> cache.firstUse(next, inAMinute()));
        assertThat(rows()).isEqualTo(3); // nothing live was forgotten to make room
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.firstUse(next, inAMinute())).isTrue();
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void firstUseWhenOtherNodesFilledTheTableThenCountedAtPurge() {
        try (JdbcConnectionPool otherPool = Postgres.pool(url, 1)) {
            JdbcReplayCache nodeB = new JdbcReplayCache(otherPool, 100, clock, PURGE, null);
            nodeB.firstUse(key(), inAMinute());
            nodeB.firstUse(key(), inAMinute());
        }
        JdbcReplayCache nodeA = cache(2);
        unavailable(() -> nodeA.firstUse(key(), inAMinute()));
    }

    @Test
    void firstUseWhenDataSourceClosedThenUnavailableNeverAccepted() {
        JdbcConnectionPool own = Postgres.pool(url, 1);
        JdbcReplayCache cache = new JdbcReplayCache(own, 100, clock, PURGE, own);
        String key = key();
        assertThat(cache.firstUse(key(), inAMinute())).isTrue();
        cache.close();
        unavailable(() -> cache.firstUse(key, inAMinute()));
        clock.advance(PURGE); // a due purge fails closed as well
        unavailable(() -> cache.firstUse(key, inAMinute()));
    }

    @Test
    void firstUseWhenDatabaseUnreachableThenUnavailable() {
        // a port nothing listens on: the database is down
        try (JdbcConnectionPool down = new JdbcConnectionPool("jdbc:postgresql://127.0.0.1:1/jwtguard", "postgres",
                "postgres", 1, Duration.ofSeconds(2))) {
            JdbcReplayCache cache = new JdbcReplayCache(down, 100, clock, PURGE, null);
            unavailable(() -> cache.firstUse(key(), inAMinute()));
        }
    }

    @Test
    void firstUseWhenInsertFailsForAnotherReasonThenUnavailableNotReplay() throws SQLException {
        JdbcReplayCache cache = cache(100);
        cache.firstUse(key(), inAMinute()); // purge done: the next calls only insert
        execute("ALTER TABLE jwtguard_dpop_proof RENAME TO jwtguard_dpop_proof_moved");
        try {
            unavailable(() -> cache.firstUse(key(), inAMinute()));
        } finally {
            execute("ALTER TABLE jwtguard_dpop_proof_moved RENAME TO jwtguard_dpop_proof");
        }
    }

    @Test
    void applySchemaWhenRepeatedThenHarmless() {
        JdbcReplayCache cache = cache(100);
        cache.applySchema();
        cache.applySchema();
        assertThat(cache.firstUse(key(), inAMinute())).isTrue();
    }
}

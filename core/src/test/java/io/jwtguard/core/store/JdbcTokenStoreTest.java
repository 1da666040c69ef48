package io.jwtguard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.Postgres;
import io.jwtguard.core.testing.TestConfigs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC store on a real PostgreSQL 17: schema, compare-and-set rotation, revocations, purge. */
class JdbcTokenStoreTest {
    private static final Instant NOW = TestConfigs.NOW;
    private static JdbcConnectionPool pool;
    private static JdbcTokenStore store;

    @BeforeAll
    static void start() {
        pool = Postgres.pool(Postgres.newDatabase(), 4);
        store = new JdbcTokenStore(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static RefreshFamily family(String id, String subject) {
        return new RefreshFamily(id, subject, "web", Set.of("a", "b"), Set.of("user", "group with space"), NOW,
                NOW.plus(Duration.ofDays(14)), null);
    }

    /** Issue 15: the readiness check of the token store. */
    @Test
    void isReachableWhenDatabaseAnswersThenTrueAndWhenNoConnectionCanBeMadeThenFalseWithoutThrowing() {
        assertThat(store.isReachable(Duration.ofSeconds(1))).isTrue();

        JdbcConnectionPool closed = new JdbcConnectionPool("jdbc:postgresql://127.0.0.1:1/none", "u", "p", 1,
                Duration.ofMillis(200));
        closed.close();
        assertThat(new JdbcTokenStore(closed).isReachable(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void applySchemaWhenAppliedAgainThenNoError() {
        store.applySchema();
        store.applySchema();
    }

    @Test
    void createFamilyWhenStoredThenFoundByHashWithAllFields() {
        store.createFamily(family("f-create", "alice"), RefreshTokenRecord.active("h-create", "f-create", NOW,
                NOW.plus(Duration.ofDays(1))));

        RefreshLookup found = store.find("h-create").orElseThrow();

        assertThat(found.family()).isEqualTo(family("f-create", "alice"));
        assertThat(found.token()).isEqualTo(RefreshTokenRecord.active("h-create", "f-create", NOW,
                NOW.plus(Duration.ofDays(1))));
        assertThat(store.find("h-unknown")).isEmpty();
    }

    @Test
    void rotateWhenActiveThenExactlyOnceAndSuccessorStored() {
        store.createFamily(family("f-rot", "alice"), RefreshTokenRecord.active("h-rot-1", "f-rot", NOW, NOW.plusSeconds(60)));
        Instant later = NOW.plusSeconds(5);

        assertThat(store.rotate("h-rot-1", later, RefreshTokenRecord.active("h-rot-2", "f-rot", later, later.plusSeconds(60))))
                .isTrue();
        assertThat(store.rotate("h-rot-1", later, RefreshTokenRecord.active("h-rot-3", "f-rot", later, later.plusSeconds(60))))
                .isFalse();

        RefreshTokenRecord old = store.find("h-rot-1").orElseThrow().token();
        assertThat(old.state()).isEqualTo(RefreshTokenState.ROTATED);
        assertThat(old.rotatedAt()).isEqualTo(later);
        assertThat(old.successorHash()).isEqualTo("h-rot-2");
        assertThat(store.find("h-rot-2").orElseThrow().token().state()).isEqualTo(RefreshTokenState.ACTIVE);
        assertThat(store.find("h-rot-3")).isEmpty();
    }

    @Test
    void rotateWhenFamilyRevokedThenRefused() {
        store.createFamily(family("f-rev", "carol"), RefreshTokenRecord.active("h-rev-1", "f-rev", NOW, NOW.plusSeconds(60)));
        assertThat(store.revokeFamily("f-rev", NOW)).isTrue();
        assertThat(store.revokeFamily("f-rev", NOW)).isFalse();

        assertThat(store.rotate("h-rev-1", NOW, RefreshTokenRecord.active("h-rev-2", "f-rev", NOW, NOW.plusSeconds(60))))
                .isFalse();
        assertThat(store.find("h-rev-1").orElseThrow().family().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void revokeFamiliesOfSubjectWhenSeveralThenAllLiveOnesRevoked() {
        store.createFamily(family("f-s1", "dave"), RefreshTokenRecord.active("h-s1", "f-s1", NOW, NOW.plusSeconds(60)));
        store.createFamily(family("f-s2", "dave"), RefreshTokenRecord.active("h-s2", "f-s2", NOW, NOW.plusSeconds(60)));
        store.createFamily(family("f-s3", "erin"), RefreshTokenRecord.active("h-s3", "f-s3", NOW, NOW.plusSeconds(60)));

        assertThat(store.revokeFamiliesOfSubject("dave", NOW)).isEqualTo(2);
        assertThat(store.find("h-s3").orElseThrow().family().revoked()).isFalse();
        assertThat(store.familyIdsOfSubject("dave")).containsExactlyInAnyOrder("f-s1", "f-s2"); // revoked ones too
        assertThat(store.familyIdsOfSubject("nobody")).isEmpty();
    }

    @Test
    void revocationsWhenRevokedThenInSnapshotUntilExpiredAndUpsertsKeepLatest() {
        store.revokeAccessToken("jti-1", NOW.plusSeconds(300));
        store.revokeAccessToken("jti-1", NOW.plusSeconds(100)); // an earlier expiry never shortens the entry
        store.revokeSubject("frank", NOW, NOW.plusSeconds(3600));
        // never moves the cut-off back, yet every call starts a new epoch (a node whose clock is behind included)
        store.revokeSubject("frank", NOW.minusSeconds(60), NOW.plusSeconds(60));
        store.revokeGrant("family-9", NOW.plusSeconds(360));

        RevocationSnapshot snapshot = store.snapshot(NOW);
        assertThat(snapshot.revokedJtis()).containsEntry("jti-1", NOW.plusSeconds(300));
        assertThat(snapshot.subjectCutoffs()).containsEntry("frank", NOW.plusMillis(1));
        assertThat(store.subjectEpoch("frank")).isEqualTo(NOW.toEpochMilli() + 1);
        assertThat(store.subjectEpoch("nobody")).isZero();
        assertThat(snapshot.revokes("jti-1", "x", 0)).isTrue();
        assertThat(snapshot.revokes("jti-2", "frank", NOW.getEpochSecond())).isTrue();
        assertThat(snapshot.revokes("jti-2", "frank", NOW.getEpochSecond() + 1)).isFalse();
        assertThat(snapshot.revokes("jti-2", "x", 0, "family-9")).isTrue();
        assertThat(snapshot.revokes("jti-2", "x", 0, "family-8")).isFalse();

        assertThat(store.snapshot(NOW.plusSeconds(301)).revokedJtis()).doesNotContainKey("jti-1");
    }

    @Test
    void purgeWhenExpiredThenRowsDeleted() throws Exception {
        RefreshFamily old = new RefreshFamily("f-old", "gina", "web", Set.of(), Set.of(), NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1)), null);
        store.createFamily(old, RefreshTokenRecord.active("h-old", "f-old", old.createdAt(), old.absoluteExpiry()));
        store.revokeAccessToken("jti-old", NOW.minusSeconds(1));

        assertThat(store.purgeExpiredFamilies(NOW)).isEqualTo(1);
        assertThat(store.purgeExpiredRevocations(NOW)).isGreaterThanOrEqualTo(1);
        assertThat(store.find("h-old")).isEmpty();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM jwtguard_revoked_jti WHERE jti = 'jti-old'")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
    }

    @Test
    void operationsWhenDatabaseUnreachableThenStoreUnavailableWithoutSecrets() {
        try (JdbcConnectionPool dead = new JdbcConnectionPool("jdbc:postgresql://127.0.0.1:1/none", "postgres",
                "s3cret-password", 1, Duration.ofSeconds(2))) {
            JdbcTokenStore unreachable = new JdbcTokenStore(dead);

            assertThatThrownBy(() -> unreachable.find("h")).isInstanceOf(StoreUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
            assertThatThrownBy(() -> unreachable.rotate("h", NOW, RefreshTokenRecord.active("n", "f", NOW, NOW)))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> unreachable.snapshot(NOW)).isInstanceOf(StoreUnavailableException.class);
            assertThat(dead.toString()).doesNotContain("s3cret");
        }
    }
}

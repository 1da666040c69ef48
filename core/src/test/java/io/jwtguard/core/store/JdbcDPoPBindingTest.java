package io.jwtguard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.dpop.DPoPBinding;
import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.refresh.RefreshFailure;
import io.jwtguard.core.refresh.RefreshRejectedException;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.Postgres;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenServiceFixture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DPoP binding of refresh families (RFC 9449 section 5) in the JDBC store on a real PostgreSQL 17:
 * stored and read back, enforced through the token service, and the migration of a family table
 * created before the binding column existed.
 */
class JdbcDPoPBindingTest {
    private static final Instant NOW = TestConfigs.NOW;
    private static final String KEY = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    private static final String OTHER_KEY = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
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

    private static RefreshFamily family(String id, String thumbprint) {
        return new RefreshFamily(id, "alice", "web", Set.of("a"), Set.of("user"), NOW, NOW.plus(Duration.ofDays(14)),
                null, thumbprint);
    }

    @Test
    void createFamilyWhenBoundThenThumbprintReadBackAndUnboundStaysNull() {
        store.createFamily(family("f-bound", KEY), RefreshTokenRecord.active("h-bound", "f-bound", NOW,
                NOW.plusSeconds(60)));
        store.createFamily(family("f-bearer", null), RefreshTokenRecord.active("h-bearer", "f-bearer", NOW,
                NOW.plusSeconds(60)));

        assertThat(store.find("h-bound").orElseThrow().family()).isEqualTo(family("f-bound", KEY));
        assertThat(store.find("h-bearer").orElseThrow().family().dpopThumbprint()).isNull();
        assertThat(store.find("h-bearer").orElseThrow().family().dpopBound()).isFalse();
    }

    @Test
    void refreshWhenBoundFamilyInDatabaseThenOnlyTheKeyRefreshesAndBindingSurvivesRotation() {
        MutableClock clock = new MutableClock(NOW);
        TokenServiceFixture node = new TokenServiceFixture(store, store, clock, TokenServiceFixture.ring(clock),
                RefreshSettings.DEFAULTS, Duration.ZERO);
        TokenPair login = node.service.issue("bob", "web", Set.of(), Set.of("user"), KEY);

        assertThatThrownBy(() -> node.service.refresh(login.refreshToken().value(), "web", null, OTHER_KEY))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_KEY_MISMATCH));
        assertThatThrownBy(() -> node.service.refresh(login.refreshToken().value(), "web", null, null))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_PROOF_REQUIRED));

        TokenPair second = node.service.refresh(login.refreshToken().value(), "web", null, KEY);
        TokenPair third = node.service.refresh(second.refreshToken().value(), "web", null, KEY);

        assertThat(DPoPBinding.thumbprint(node.verifier.verify(third.accessToken().value()).claims())).contains(KEY);
        assertThat(store.find(io.jwtguard.core.refresh.OpaqueTokens.hash(third.refreshToken().value())).orElseThrow().family().dpopThumbprint())
                .isEqualTo(KEY);
    }

    @Test
    void familyTableWithoutBindingColumnThenClearErrorAndApplySchemaMigratesIt() throws Exception {
        try (JdbcConnectionPool old = Postgres.pool(Postgres.newDatabase(), 1)) {
            JdbcTokenStore oldStore = new JdbcTokenStore(old);
            // a table as an earlier version created it, with a family stored
            try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE jwtguard_refresh_family DROP COLUMN dpop_jkt");
                s.execute("INSERT INTO jwtguard_refresh_family (family_id, subject, client_id, scope, groups_json, "
                        + "created_at, absolute_expiry) VALUES ('f-old', 'carol', 'web', '', '[]', 0, "
                        + NOW.plus(Duration.ofDays(1)).toEpochMilli() + ")");
                s.execute("INSERT INTO jwtguard_refresh_token (token_hash, family_id, issued_at, expires_at, state) "
                        + "VALUES ('h-old', 'f-old', 0, " + NOW.plus(Duration.ofDays(1)).toEpochMilli() + ", 'ACTIVE')");
            }

            assertThatThrownBy(() -> oldStore.find("h-old")).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("dpop_jkt").hasMessageContaining("jwtguard.store.jdbc.apply-schema=true")
                    .hasMessageContaining(JdbcTokenStore.DPOP_COLUMN_MIGRATION);

            oldStore.applySchema();

            RefreshFamily migrated = oldStore.find("h-old").orElseThrow().family();
            assertThat(migrated.subject()).isEqualTo("carol");
            assertThat(migrated.dpopBound()).isFalse();
        }
    }
}

package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.dpop.ReplayCache;
import io.jwtguard.core.store.JdbcReplayCache;
import io.jwtguard.core.testing.Postgres;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which DPoP replay cache the configuration gives: the cluster's JDBC one, or none (each node its own). */
class DPoPReplayCacheConfigTest {
    private final Map<String, String> props = new HashMap<>(Map.of(MP_ISSUER, "https://issuer.example.com",
            MP_AUDIENCES, "api", HMAC_SECRET, ConfigLoaderTest.HMAC_SECRET_VALUE, DPOP_MODE, "allowed"));

    private LoadedConfiguration load() {
        return ConfigLoader.load(name -> Optional.ofNullable(props.get(name)));
    }

    private void jdbc(String url) {
        props.put(STORE_JDBC_URL, url);
        props.put(STORE_JDBC_USER, "postgres");
        props.put(STORE_JDBC_PASSWORD, "postgres");
    }

    @Test
    void loadWhenNoStoreThenNoSharedReplayCache() {
        try (LoadedConfiguration loaded = load()) {
            assertThat(loaded.dpopReplayCache()).isEmpty();
        }
    }

    @Test
    void loadWhenJdbcStoreThenJdbcReplayCacheWithSchemaAndClosedWithConfiguration() {
        props.put(STORE_TYPE, "jdbc");
        props.put(STORE_JDBC_APPLY_SCHEMA, "true");
        props.put(DPOP_REPLAY_CACHE_MAX_SIZE, "50");
        jdbc(Postgres.newDatabase());
        ReplayCache cache;
        try (LoadedConfiguration loaded = load()) {
            cache = loaded.dpopReplayCache().orElseThrow();
            assertThat(cache).isInstanceOf(JdbcReplayCache.class);
            assertThat(cache.toString()).contains("/50]");
            assertThat(cache.firstUse("k1", Instant.now().plusSeconds(60))).isTrue();
            assertThat(cache.firstUse("k1", Instant.now().plusSeconds(60))).isFalse();
        }
        // its own pool was closed with the configuration: fails closed from now on
        assertThatThrownBy(() -> cache.firstUse("k2", Instant.now().plusSeconds(60)))
                .isInstanceOf(io.jwtguard.core.availability.VerificationUnavailableException.class);
    }

    @Test
    void loadWhenJdbcStoreWithTokenServiceThenReplayCacheSharesTheStoreDatabase() {
        props.put(STORE_TYPE, "jdbc");
        props.put(STORE_JDBC_APPLY_SCHEMA, "true");
        props.put(REVOCATION_ENABLED, "true");
        jdbc(Postgres.newDatabase());
        try (LoadedConfiguration loaded = load()) {
            assertThat(loaded.dpopReplayCache().orElseThrow().firstUse("k", Instant.now().plusSeconds(60))).isTrue();
        }
    }

    @Test
    void loadWhenJdbcStoreButReplayCacheMemoryThenNoSharedReplayCache() {
        props.put(STORE_TYPE, "jdbc");
        props.put(DPOP_REPLAY_CACHE_TYPE, "memory");
        jdbc("jdbc:postgresql://127.0.0.1:1/unused");
        try (LoadedConfiguration loaded = load()) {
            assertThat(loaded.dpopReplayCache()).isEmpty();
        }
    }

    @Test
    void loadWhenDpopOffThenNoSharedReplayCacheEvenWithJdbcStore() {
        props.put(DPOP_MODE, "off");
        props.put(DPOP_REPLAY_CACHE_TYPE, "jdbc");
        jdbc("jdbc:postgresql://127.0.0.1:1/unused");
        try (LoadedConfiguration loaded = load()) {
            assertThat(loaded.dpopReplayCache()).isEmpty();
        }
    }

    @Test
    void loadWhenReplayCacheJdbcWithoutDatabaseThenDeploymentFailsNamingTheProperty() {
        props.put(DPOP_REPLAY_CACHE_TYPE, "jdbc");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).property()).isEqualTo(STORE_JDBC_URL);
    }

    @Test
    void loadWhenReplayCacheTypeUnknownThenDeploymentFailsNamingIt() {
        props.put(DPOP_REPLAY_CACHE_TYPE, "redis");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("redis").hasMessageContaining("memory")
                .extracting(e -> ((ConfigurationException) e).property()).isEqualTo(DPOP_REPLAY_CACHE_TYPE);
    }
}

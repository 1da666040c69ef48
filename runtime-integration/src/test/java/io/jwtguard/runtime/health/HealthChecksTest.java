package io.jwtguard.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.config.TokenTransport;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeySourceStatus;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TrustedIssuer;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.RuntimeSettings;
import io.jwtguard.runtime.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The health checks' answers: each key source state mapped to up or down, with its data. */
class HealthChecksTest {
    private static final List<VerificationKey> KEYS = List.of(VerificationKey.ofPublicKey("k1",
            TestTokens.TRUSTED.getPublic()));

    /** A key source whose status the test sets, counting refresh requests. */
    private static final class FakeSource implements KeySource {
        final AtomicInteger refreshRequests = new AtomicInteger();
        final KeySourceStatus.State state;
        final int keyCount;
        final Duration age;

        FakeSource(KeySourceStatus.State state, int keyCount, Duration age) {
            this.state = state;
            this.keyCount = keyCount;
            this.age = age;
        }

        @Override
        public List<VerificationKey> keys() {
            throw new AssertionError("a health check must not ask for keys: that may fetch");
        }

        @Override
        public boolean refreshForUnknownKeyId(String keyId) {
            throw new AssertionError("a health check must not fetch");
        }

        @Override
        public String describe() {
            return "https://issuer.example/jwks";
        }

        @Override
        public Optional<KeySourceStatus> status() {
            return Optional.of(new KeySourceStatus(describe(), state, keyCount,
                    age == null ? Optional.empty() : Optional.of(Instant.EPOCH), Optional.ofNullable(age),
                    Optional.empty(), 1));
        }

        @Override
        public void requestRefresh() {
            refreshRequests.incrementAndGet();
        }
    }

    /** Fixed keys: no status. */
    private static final class FixedSource implements KeySource {
        @Override
        public List<VerificationKey> keys() {
            return KEYS;
        }

        @Override
        public String describe() {
            return "fixed";
        }

        @Override
        public Optional<List<VerificationKey>> fixedKeys() {
            return Optional.of(KEYS);
        }
    }

    private static KeySourcesCheck check() {
        return new KeySourcesCheck(HealthChecks.KEYS, null, Optional::empty);
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"FRESH, UP", "STALE, UP", "NOT_LOADED, DOWN", "UNAVAILABLE, DOWN"})
    void callWhenOneKeySourceInStateThenStatusAndStateInData(KeySourceStatus.State state, Status expected) {
        HealthCheckResponse response = check().evaluate(List.of(new FakeSource(state, 2, Duration.ofSeconds(42))));

        assertThat(response.getName()).isEqualTo("jwtguard-keys");
        assertThat(response.getStatus()).isEqualTo(expected);
        assertThat(data(response)).containsEntry("state", state.name()).containsEntry("keys", 2L)
                .containsEntry("age-seconds", 42L).containsEntry("kind", "custom")
                .containsEntry("source", "https://issuer.example/jwks");
        assertThat(KeySourcesCheck.isUp(state)).isEqualTo(expected == Status.UP);
    }

    @Test
    void callWhenKeysMissingOrStaleThenBackgroundRefreshRequestedAndWhenFreshThenNot() {
        FakeSource fresh = new FakeSource(KeySourceStatus.State.FRESH, 1, Duration.ZERO);
        FakeSource stale = new FakeSource(KeySourceStatus.State.STALE, 1, Duration.ofHours(1));
        FakeSource missing = new FakeSource(KeySourceStatus.State.NOT_LOADED, 0, null);

        check().evaluate(List.of(fresh, stale, missing));

        assertThat(fresh.refreshRequests).hasValue(0);
        assertThat(stale.refreshRequests).hasValue(1);
        assertThat(missing.refreshRequests).hasValue(1);
    }

    @Test
    void callWhenSeveralSourcesThenWorstStateSumOfKeysAndOldestAge() {
        HealthCheckResponse response = check().evaluate(List.of(
                new FakeSource(KeySourceStatus.State.FRESH, 2, Duration.ofSeconds(5)),
                new FakeSource(KeySourceStatus.State.UNAVAILABLE, 0, null),
                new FakeSource(KeySourceStatus.State.STALE, 1, Duration.ofSeconds(700)),
                new FixedSource()));

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("state", "UNAVAILABLE").containsEntry("keys", 4L)
                .containsEntry("age-seconds", 700L).containsEntry("kind", "custom,static");
    }

    @Test
    void callWhenOnlyFixedKeysThenUpAndStatic() {
        HealthCheckResponse response = check().evaluate(List.of(new FixedSource()));

        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(data(response)).containsEntry("state", "STATIC").containsEntry("keys", 1L)
                .containsEntry("kind", "static").doesNotContainKeys("age-seconds", "source");
    }

    @Test
    void callWhenNoGuardThenEveryCheckUpAndInactive() {
        assertThat(check().call().getStatus()).isEqualTo(Status.UP);
        assertThat(data(check().call())).containsEntry("active", false);
        assertThat(new TokenStoreCheck(Optional::empty).call().getStatus()).isEqualTo(Status.UP);
        HealthCheckResponse live = new GuardLivenessCheck(Optional::empty).call();
        assertThat(live.getName()).isEqualTo("jwtguard");
        assertThat(live.getStatus()).isEqualTo(Status.UP);
        assertThat(data(live)).containsEntry("active", false);
    }

    @Test
    void callWhenGuardHasTrustedIssuerThenEachCheckReadsItsOwnIssuersSources() {
        FakeSource primary = new FakeSource(KeySourceStatus.State.FRESH, 3, Duration.ZERO);
        FakeSource partner = new FakeSource(KeySourceStatus.State.UNAVAILABLE, 0, null);
        VerifierConfig config = VerifierConfig.builder().keySource(primary).issuer(TestTokens.ISSUER)
                .audiences(Set.of(TestTokens.AUDIENCE))
                .trustedIssuer(TrustedIssuer.builder("partner", "https://partner.example").keySources(List.of(partner))
                        .build())
                .build();
        try (JwtGuard guard = JwtGuard.create(new LoadedConfiguration(config, TokenTransport.DEFAULT),
                RuntimeSettings.load(name -> Optional.empty()))) {
            HealthCheckResponse main = new KeySourcesCheck("jwtguard-keys", null, () -> Optional.of(guard)).call();
            HealthCheckResponse other = new KeySourcesCheck("jwtguard-keys-partner", "partner",
                    () -> Optional.of(guard)).call();

            assertThat(main.getStatus()).isEqualTo(Status.UP);
            assertThat(data(main)).containsEntry("keys", 3L);
            assertThat(other.getName()).isEqualTo("jwtguard-keys-partner");
            assertThat(other.getStatus()).isEqualTo(Status.DOWN);
            assertThat(data(other)).containsEntry("state", "UNAVAILABLE");
            assertThat(new GuardLivenessCheck(() -> Optional.of(guard)).call().getData().orElseThrow())
                    .containsEntry("active", true);
            assertThat(data(new TokenStoreCheck(() -> Optional.of(guard)).call())).containsEntry("active", false);
        }
    }

    @Test
    void jdbcStoreWhenTokenServiceEnabledWithJdbcThenTrueElseFalse() {
        assertThat(HealthChecks.jdbcStore(props(Map.of("jwtguard.token-service.enabled", "true",
                "jwtguard.store.type", " JDBC ")))).isTrue();
        assertThat(HealthChecks.jdbcStore(props(Map.of("jwtguard.token-service.enabled", "true")))).isFalse();
        assertThat(HealthChecks.jdbcStore(props(Map.of("jwtguard.store.type", "jdbc")))).isFalse();
        assertThat(HealthChecks.list(Optional.of(" a, b ,,c"))).containsExactly("a", "b", "c");
    }

    private static java.util.function.Function<String, Optional<String>> props(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}

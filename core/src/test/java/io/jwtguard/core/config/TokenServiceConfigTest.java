package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.core.revocation.StoreRevocationCheck;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.Postgres;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token-service properties, read by the one loader: defaults, wiring into the verifier, refusals. */
class TokenServiceConfigTest {
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private final Map<String, String> props = new HashMap<>(Map.of(
            TOKEN_SERVICE_ENABLED, "true",
            MP_ISSUER, "https://login.example.com",
            MP_AUDIENCES, "orders"));

    private LoadedConfiguration load() {
        return ConfigLoader.load(name -> Optional.ofNullable(props.get(name)), clock);
    }

    @Test
    void loadWhenEnabledWithDefaultsThenIssuedTokensVerifyAndRevocationIsChecked() {
        LoadedConfiguration loaded = load();
        TokenService service = loaded.tokenService().orElseThrow();
        TokenVerifier verifier = TokenVerifier.create(loaded.verifier());

        TokenPair pair = service.issue("alice", "web", Set.of("orders:read"), Set.of("user"));

        assertThat(verifier.verify(pair.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(pair.accessToken().expiresAt()).isEqualTo(TestConfigs.NOW.plus(Duration.ofMinutes(5)));
        assertThat(pair.refreshToken().family().absoluteExpiry()).isEqualTo(TestConfigs.NOW.plus(Duration.ofDays(14)));
        assertThat(loaded.verifier().revocationCheck()).isInstanceOf(StoreRevocationCheck.class);
        assertThat(((StoreRevocationCheck) loaded.verifier().revocationCheck()).propagationBound()).isZero();
        service.revoke(pair.accessToken().value());
        assertThatThrownBy(() -> verifier.verify(pair.accessToken().value()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REVOKED));
        assertThat(loaded.endpoints()).isEqualTo(EndpointSettings.DEFAULTS);
    }

    @Test
    void loadWhenDefaultPurgeIntervalPassedThenNextLoginPurgesExpiredFamiliesAndRevocations() {
        TokenService service = load().tokenService().orElseThrow();
        TokenPair old = service.issue("alice", "web", Set.of(), Set.of());
        service.revoke(old.accessToken().value());
        clock.advance(Duration.ofMinutes(9));
        service.issue("bob", "web", Set.of(), Set.of());
        assertThat(service.refreshTokenEntries()).hasValue(2); // not due yet: nothing purged
        assertThat(service.revocationEntries()).hasValue(1);

        clock.advance(Duration.ofDays(15)); // alice's and bob's grants (14 days) and the revoked jti expired
        service.issue("carol", "web", Set.of(), Set.of());

        assertThat(service.refreshTokenEntries()).hasValue(1); // carol's only
        assertThat(service.revocationEntries()).hasValue(0);
    }

    @Test
    void loadWhenPurgeIntervalZeroThenLoginsNeverPurge() {
        props.put(TOKEN_SERVICE_PURGE_INTERVAL, "PT0S");
        TokenService service = load().tokenService().orElseThrow();
        service.issue("alice", "web", Set.of(), Set.of());

        clock.advance(Duration.ofDays(15));
        service.issue("carol", "web", Set.of(), Set.of());

        assertThat(service.refreshTokenEntries()).hasValue(2);
        assertThat(service.purgeExpired()).isEqualTo(1); // the application's own call still works
    }

    @ParameterizedTest
    @CsvSource({"-PT1M", "PT0.0001S", "ten minutes"})
    void loadWhenPurgeIntervalInvalidThenRefusedNamingTheProperty(String value) {
        props.put(TOKEN_SERVICE_PURGE_INTERVAL, value);

        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(TOKEN_SERVICE_PURGE_INTERVAL);
    }

    @Test
    void loadWhenTokenServiceSignsUnderAnIssuerWhoseKeysAlsoComeFromElsewhereThenPostureFlagsIt() {
        LoadedConfiguration alone = load();
        assertThat(alone.verifier().posture().findings())
                .noneMatch(f -> f.code() == io.jwtguard.core.verify.FindingCode.TOKEN_SERVICE_SHARES_ISSUER);

        props.put(MP_PUBLIC_KEY_LOCATION, "classpath:keys/rsa-2048-public.pem"); // an identity provider's key, same issuer
        LoadedConfiguration shared = load();

        assertThat(shared.verifier().posture().findings())
                .filteredOn(f -> f.code() == io.jwtguard.core.verify.FindingCode.TOKEN_SERVICE_SHARES_ISSUER)
                .singleElement().satisfies(f -> assertThat(f.toString()).contains("rsa-2048-public.pem")
                        .contains("jwtguard.issuers.<name>"));
    }

    @Test
    void loadWhenDisabledThenNoTokenServiceAndNoRevocationCheck() {
        props.remove(TOKEN_SERVICE_ENABLED);
        props.put(MP_PUBLIC_KEY_LOCATION, "classpath:keys/rsa-2048-public.pem");

        LoadedConfiguration loaded = load();

        assertThat(loaded.tokenService()).isEmpty();
        assertThat(loaded.verifier().revocationCheck()).isNotInstanceOf(StoreRevocationCheck.class);
    }

    @Test
    void loadWhenKeystoreSigningKeyThenSignsWithAliasAsKid() {
        props.put(ISSUE_KEYSTORE_LOCATION, "classpath:keys/test-keystore.p12");
        props.put(ISSUE_KEYSTORE_PASSWORD, "test-store-pass");
        props.put(ISSUE_KEYSTORE_ALIAS, "signer-ec");
        props.put(ISSUE_ALGORITHM, "ES256");

        LoadedConfiguration loaded = load();
        TokenService service = loaded.tokenService().orElseThrow();

        assertThat(service.accessTokens().keyRing().signingKey().keyId()).isEqualTo("signer-ec");
        TokenPair pair = service.issue("alice", "web", Set.of(), Set.of());
        assertThat(TokenVerifier.create(loaded.verifier()).verify(pair.accessToken().value()).getSubject())
                .isEqualTo("alice");
        assertThat(service.jwks()).contains("\"kid\":\"signer-ec\"").doesNotContain("\"d\"");
    }

    @Test
    void loadWhenPemSigningKeyThenRsaPublicKeyDerived() {
        props.put(ISSUE_KEY_LOCATION, "classpath:keys/rsa-2048-private.pem");
        props.put(ISSUE_KEY_ID, "pem-key");

        TokenService service = load().tokenService().orElseThrow();

        assertThat(service.accessTokens().keyRing().signingKey().keyId()).isEqualTo("pem-key");
        assertThat(service.jwks()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void loadWhenJdbcStoreOnPostgresThenSchemaAppliedAndPollIntervalIsTheBound() {
        props.put(STORE_TYPE, "jdbc");
        props.put(STORE_JDBC_URL, Postgres.newDatabase());
        props.put(STORE_JDBC_USER, "postgres");
        props.put(STORE_JDBC_PASSWORD, "postgres");
        props.put(STORE_JDBC_APPLY_SCHEMA, "true");
        props.put(REVOCATION_POLL_INTERVAL, "PT2S");
        props.put(ENDPOINTS_ENABLED, "true");
        props.put(ENDPOINT_REFRESH_TRANSPORT, "body");

        LoadedConfiguration loaded = load();
        try (TokenService service = loaded.tokenService().orElseThrow()) {
            TokenPair pair = service.issue("alice", "web", Set.of(), Set.of());
            assertThat(service.refresh(pair.refreshToken().value(), "web", null)).isNotNull();
            assertThat(((StoreRevocationCheck) loaded.verifier().revocationCheck()).propagationBound())
                    .isEqualTo(Duration.ofSeconds(2));
            assertThat(loaded.endpoints().enabled()).isTrue();
            assertThat(loaded.endpoints().transport()).isEqualTo(EndpointSettings.RefreshTransport.BODY);
        }
    }

    @Test
    void loadWhenRevocationAloneOnResourceServerThenCheckWithoutService() {
        props.remove(TOKEN_SERVICE_ENABLED);
        props.put(REVOCATION_ENABLED, "true");
        props.put(MP_PUBLIC_KEY_LOCATION, "classpath:keys/rsa-2048-public.pem");

        LoadedConfiguration loaded = load();

        assertThat(loaded.tokenService()).isEmpty();
        assertThat(loaded.verifier().revocationCheck()).isInstanceOf(StoreRevocationCheck.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jwtguard.issue.access-token.lifetime|PT2H",
        "jwtguard.issue.access-token.lifetime|PT1S",
        "jwtguard.issue.algorithm|HS256",
        "jwtguard.issue.algorithm|none",
        "jwtguard.issue.issuer|https://other.example.com",
        "jwtguard.issue.access-token.type|dpop+jwt",
        "jwtguard.refresh.idle-timeout|P30D",
        "jwtguard.refresh.grace-period|PT5M",
        "jwtguard.refresh.absolute-lifetime|P1000D",
        "jwtguard.store.type|redis",
        "jwtguard.revocation.poll-interval|PT1H",
        "jwtguard.revocation.stale-if-error|PT1H",
        "jwtguard.revocation.enabled|false",
        "jwtguard.issue.keys.publish-ahead|P30D",
        "jwtguard.endpoints.refresh-token.transport|header",
        "jwtguard.endpoints.refresh-token.cookie|refresh",
        "jwtguard.endpoints.token-path|oauth/token",
        "jwtguard.endpoints.token-path|/oauth/../token",
        "jwtguard.endpoints.allowed-origins|https://app.example.com/path",
        "jwtguard.endpoints.csrf-header|Cookie",
        "jwtguard.endpoints.dpop|on",
        "jwtguard.algorithms|RS384",
    })
    void loadWhenValueRefusedThenConfigurationExceptionNamesProperty(String property, String value) {
        props.put(property, value);

        assertThatThrownBy(this::load).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains(property.startsWith("jwtguard.refresh.")
                        ? "jwtguard.refresh." : property.equals("jwtguard.issue.keys.publish-ahead")
                                ? ISSUE_ROTATION_INTERVAL : property));
    }

    @Test
    void loadWhenJdbcWithoutUrlOrDataSourceThenRefused() {
        props.put(STORE_TYPE, "jdbc");

        assertThatThrownBy(this::load).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo(STORE_JDBC_URL));
    }

    @Test
    void loadWhenEndpointsWithoutTokenServiceThenRefused() {
        props.remove(TOKEN_SERVICE_ENABLED);
        props.put(MP_PUBLIC_KEY_LOCATION, "classpath:keys/rsa-2048-public.pem");
        props.put(ENDPOINTS_ENABLED, "true");

        assertThatThrownBy(this::load).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo(ENDPOINTS_ENABLED));
    }

    @Test
    void loadWhenEndpointsDpopUnsetThenAllowedElseAsConfigured() {
        assertThat(load().endpoints().dpop()).isEqualTo(io.jwtguard.core.dpop.DPoPMode.ALLOWED);
        props.put(ENDPOINT_DPOP, " Required ");
        assertThat(load().endpoints().dpop()).isEqualTo(io.jwtguard.core.dpop.DPoPMode.REQUIRED);
        props.put(ENDPOINT_DPOP, "off");
        assertThat(load().endpoints().dpop()).isEqualTo(io.jwtguard.core.dpop.DPoPMode.OFF);
    }

    @Test
    void cookiePathWhenHostPrefixThenRootElseTokenPath() {
        assertThat(EndpointSettings.DEFAULTS.cookiePath()).isEqualTo("/");
        props.put(ENDPOINT_REFRESH_COOKIE, "__Secure-rt");
        assertThat(load().endpoints().cookiePath()).isEqualTo("/oauth");
        props.put(ENDPOINT_TOKEN_PATH, "/auth/token");
        props.put(ENDPOINT_REVOKE_PATH, "/auth/token/revoke");
        assertThat(load().endpoints().cookiePath()).isEqualTo("/auth/token");
    }
}

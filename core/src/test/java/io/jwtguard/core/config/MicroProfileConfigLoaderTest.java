package io.jwtguard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifierConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Properties flow from a real MicroProfile Config (SmallRye Config) through {@link MicroProfileConfigLoader}. */
class MicroProfileConfigLoaderTest {

    @Test
    void loadWhenPropertiesSourceThenEveryValueApplied() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        ConfigProperties.MP_PUBLIC_KEY, ConfigLoaderTest.pem(TestKeys.RSA_2048.getPublic()),
                        ConfigProperties.MP_ISSUER, TokenFactory.ISSUER,
                        ConfigProperties.MP_AUDIENCES, "orders-api,billing-api",
                        ConfigProperties.MP_CLOCK_SKEW, "45",
                        ConfigProperties.MP_TOKEN_HEADER, "Cookie",
                        ConfigProperties.MP_TOKEN_COOKIE, "access",
                        ConfigProperties.GROUPS_CLAIM, "realm_access.roles",
                        ConfigProperties.MAX_LIFETIME, "PT30M"), "microprofile-config.properties", 100))
                .build();

        LoadedConfiguration loaded = MicroProfileConfigLoader.load(config, TestConfigs.CLOCK);

        VerifierConfig verifier = loaded.verifier();
        assertThat(verifier.issuer()).contains(TokenFactory.ISSUER);
        assertThat(verifier.audiences()).containsExactlyInAnyOrder("orders-api", "billing-api");
        assertThat(verifier.clockSkew()).isEqualTo(Duration.ofSeconds(45));
        assertThat(verifier.maxLifetime()).contains(Duration.ofMinutes(30));
        assertThat(verifier.groupsClaimPath()).containsExactly("realm_access", "roles");
        assertThat(loaded.transport().usesCookie()).isTrue();
        assertThat(loaded.transport().cookieName()).isEqualTo("access");
        assertThat(TokenVerifier.create(verifier).verify(RawClaims.valid()
                .withRaw("realm_access", "{\"roles\":[\"reader\"]}").signRs256()).getGroups())
                .containsExactly("reader");
    }

    @Test
    void loadWhenDefaultValuesThenUsedAndHigherOrdinalSourceWins() {
        Config config = new SmallRyeConfigBuilder()
                .withDefaultValues(Map.of(
                        ConfigProperties.MP_PUBLIC_KEY_LOCATION, "classpath:keys/rsa-2048-jwks.json",
                        ConfigProperties.MP_ISSUER, "https://default.example",
                        ConfigProperties.MP_AUDIENCES, TokenFactory.AUDIENCE))
                .withSources(new PropertiesConfigSource(Map.of(ConfigProperties.MP_ISSUER, TokenFactory.ISSUER),
                        "override", 400))
                .build();

        VerifierConfig verifier = MicroProfileConfigLoader.load(config, TestConfigs.CLOCK).verifier();

        assertThat(verifier.issuer()).contains(TokenFactory.ISSUER);
        assertThat(verifier.keySources().get(0).keys()).extracting(k -> k.keyId().orElse(null))
                .containsExactly("classpath-key");
    }

    @Test
    void loadWhenEnvironmentVariableNamesThenMappedToProperties() {
        // MicroProfile Config maps mp.jwt.verify.issuer to MP_JWT_VERIFY_ISSUER, and so on
        Config config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "MP_JWT_VERIFY_PUBLICKEY", ConfigLoaderTest.pem(TestKeys.RSA_2048.getPublic()),
                        "MP_JWT_VERIFY_ISSUER", TokenFactory.ISSUER,
                        "MP_JWT_VERIFY_AUDIENCES", TokenFactory.AUDIENCE,
                        "JWTGUARD_TOKEN_MAX_SIZE", "4096"), 300))
                .build();

        VerifierConfig verifier = MicroProfileConfigLoader.load(config, TestConfigs.CLOCK).verifier();

        assertThat(verifier.issuer()).contains(TokenFactory.ISSUER);
        assertThat(verifier.maxTokenSize()).isEqualTo(4096);
        assertThat(TokenVerifier.create(verifier).verify(RawClaims.valid().signRs256()).getName())
                .isEqualTo("jdoe@example.com");
    }

    @Test
    void loadWhenExpressionThenExpanded() {
        // a runtime's MicroProfile Config has the expression interceptor installed, as here
        Config config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(Map.of(
                        "idp.base", "https://issuer.example",
                        ConfigProperties.MP_ISSUER, "${idp.base}",
                        ConfigProperties.MP_AUDIENCES, TokenFactory.AUDIENCE,
                        ConfigProperties.MP_PUBLIC_KEY_LOCATION, "keys/rsa-2048-public.pem"), "app", 100))
                .build();

        assertThat(MicroProfileConfigLoader.load(config, TestConfigs.CLOCK).verifier().issuer())
                .contains(TokenFactory.ISSUER);
    }

    @Test
    void loadWhenMalformedValueThenConfigurationExceptionNamesProperty() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        ConfigProperties.MP_PUBLIC_KEY, ConfigLoaderTest.pem(TestKeys.RSA_2048.getPublic()),
                        ConfigProperties.MP_ISSUER, TokenFactory.ISSUER,
                        ConfigProperties.MP_CLOCK_SKEW, "thirty"), "app", 100))
                .build();

        assertThatThrownBy(() -> MicroProfileConfigLoader.load(config, TestConfigs.CLOCK))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo(ConfigProperties.MP_CLOCK_SKEW));
    }

    @Test
    void loadWhenNoIssuerInAnySourceThenPostureRefusesNamingIssuer() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        ConfigProperties.MP_PUBLIC_KEY, ConfigLoaderTest.pem(TestKeys.RSA_2048.getPublic())),
                        "app", 100))
                .build();

        assertThatThrownBy(() -> MicroProfileConfigLoader.load(config, TestConfigs.CLOCK))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo(ConfigProperties.MP_ISSUER));
    }

    @Test
    void loadWhenTokenAgeFromConfigThenOldTokenRefused() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        ConfigProperties.MP_PUBLIC_KEY, ConfigLoaderTest.pem(TestKeys.RSA_2048.getPublic()),
                        ConfigProperties.MP_ISSUER, TokenFactory.ISSUER,
                        ConfigProperties.MP_AUDIENCES, TokenFactory.AUDIENCE,
                        ConfigProperties.MP_TOKEN_AGE, "60"), "app", 100))
                .build();
        TokenVerifier verifier = TokenVerifier.create(MicroProfileConfigLoader.load(config, TestConfigs.CLOCK)
                .verifier());

        assertThatThrownBy(() -> verifier.verify(RawClaims.valid().withTime("iat", -91).withTime("exp", 100)
                .signRs256())).isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_OLD));
    }
}

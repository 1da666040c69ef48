package io.jwtguard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.DecryptionKey;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.keys.KeyLocation;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.InvalidSettingException;
import io.jwtguard.core.verify.KeyManagementAlgorithm;
import io.jwtguard.core.verify.PostureFinding;
import io.jwtguard.core.verify.Profile;
import io.jwtguard.core.verify.Setting;
import io.jwtguard.core.verify.Severity;
import io.jwtguard.core.verify.TokenTypes;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link VerifierConfigBuilder#build()}: validation and the posture check of each profile. Every
 * refusal and finding is asserted under both namings: builder methods (the default) and the
 * properties {@link ConfigLoader} names them by ({@link PropertyNames}).
 */
class VerifierConfigTest {

    @Test
    void buildWhenHardenedDefaultsWithIssuerAndAudienceThenNoFindings() {
        VerifierConfig config = TestConfigs.rsa().build();

        assertThat(config.profile()).isEqualTo(Profile.HARDENED);
        assertThat(config.posture().findings()).isEmpty();
        assertThat(config.maxLifetime()).contains(VerifierConfig.DEFAULT_MAX_LIFETIME);
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.groupsClaimPath()).containsExactly("groups");
        assertThat(config.maxTokenSize()).isEqualTo(8192);
    }

    // NO_ISSUER

    @Test
    void buildWhenNoIssuerThenRefusedNamingIssuerSetting() {
        assertRefused(TestConfigs.rsa().issuer(null), Setting.ISSUER, ConfigProperties.MP_ISSUER, FindingCode.NO_ISSUER);
    }

    @Test
    void buildWhenNoIssuerAcknowledgedThenWarningAndAnyIssuerAccepted() {
        VerifierConfigBuilder builder = TestConfigs.rsa().issuer(null).acknowledge(Set.of(FindingCode.NO_ISSUER));
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.NO_ISSUER, Setting.ISSUER, ConfigProperties.MP_ISSUER);
        assertThat(TokenVerifier.create(config).verify(RawClaims.valid().withString("iss", "https://anyone")
                .signRs256()).getIssuer()).isEqualTo("https://anyone");
    }

    // UNBOUNDED_LIFETIME

    @Test
    void buildWhenLifetimeUnboundedThenRefusedNamingMaxLifetime() {
        assertRefused(TestConfigs.rsa().maxLifetime(null), Setting.MAX_LIFETIME, ConfigProperties.MAX_LIFETIME,
                FindingCode.UNBOUNDED_LIFETIME);
    }

    @Test
    void buildWhenLifetimeUnboundedAcknowledgedThenWarning() {
        VerifierConfigBuilder builder = TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME));
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.UNBOUNDED_LIFETIME, Setting.MAX_LIFETIME, ConfigProperties.MAX_LIFETIME);
        assertThat(config.maxLifetime()).isEmpty();
    }

    // SKEW_OVER_BOUND

    @Test
    void buildWhenSkewOverBoundThenRefusedNamingClockSkew() {
        assertRefused(TestConfigs.rsa().clockSkew(Duration.ofSeconds(301)), Setting.CLOCK_SKEW, ConfigProperties.MP_CLOCK_SKEW,
                FindingCode.SKEW_OVER_BOUND);
    }

    @Test
    void buildWhenSkewExactlyAtBoundThenAccepted() {
        assertThat(TestConfigs.rsa().clockSkew(Duration.ofMinutes(5)).build().posture().findings()).isEmpty();
    }

    @Test
    void buildWhenSkewOverBoundAcknowledgedThenWarning() {
        VerifierConfigBuilder builder = TestConfigs.rsa().clockSkew(Duration.ofMinutes(10))
                .acknowledge(Set.of(FindingCode.SKEW_OVER_BOUND));
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.SKEW_OVER_BOUND, Setting.CLOCK_SKEW, ConfigProperties.MP_CLOCK_SKEW);
    }

    @Test
    void buildWhenBoundRaisedAboveSkewThenAccepted() {
        VerifierConfig config = TestConfigs.rsa().clockSkew(Duration.ofMinutes(10))
                .maxClockSkew(Duration.ofMinutes(10)).build();

        assertThat(config.posture().findings()).isEmpty();
    }

    // WEAK_RSA_KEY

    @Test
    void buildWhenHardenedAnd1024BitRsaKeyThenRefused() {
        VerifierConfigBuilder builder = rsa1024();

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.getMessage()).contains("1024 bits").contains("at least 2048")
                    .contains("acknowledge(Set) with " + FindingCode.WEAK_RSA_KEY);
        });
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.getMessage()).contains("1024 bits").contains("at least 2048")
                            .contains(ConfigProperties.ACKNOWLEDGE + "=" + FindingCode.WEAK_RSA_KEY);
                });
    }

    @Test
    void buildWhenHardenedAnd1024BitRsaKeyThenSettingNamesTheKeysNotTheirDescription() {
        assertThatThrownBy(rsa1024()::build).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(Setting.KEYS.builderMethod()).isNotEqualTo("inline keys"));
        assertThatThrownBy(rsa1024().settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).startsWith("mp.jwt.").isNotEqualTo("inline keys"));
    }

    @Test
    void buildWhenHardenedAnd1024BitRsaKeyAcknowledgedThenWarningAndTokensVerify() {
        VerifierConfig config = rsa1024().acknowledge(Set.of(FindingCode.WEAK_RSA_KEY)).build();

        assertThat(config.posture().withSeverity(Severity.WARNING)).extracting(PostureFinding::code)
                .containsExactly(FindingCode.WEAK_RSA_KEY);
        assertThat(TokenVerifier.create(config).verify(sign1024()).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void buildWhenMpCompatAnd1024BitRsaKeyThenAcceptedWithWarnings() {
        VerifierConfig config = rsa1024().profile(Profile.MP_COMPAT).build();

        assertThat(config.posture().hasErrors()).isFalse();
        assertThat(config.posture().withSeverity(Severity.WARNING)).extracting(PostureFinding::code)
                .containsExactlyInAnyOrder(FindingCode.WEAK_RSA_KEY, FindingCode.MP_COMPAT_PROFILE);
        assertThat(TokenVerifier.create(config).verify(sign1024()).getName()).isEqualTo("jdoe@example.com");
    }

    // SHORT_HMAC_SECRET

    @Test
    void buildWhenHmacSecretShorterThan32BytesThenRefusedNamingHmacSecret() {
        VerifierConfigBuilder builder = hmac(Arrays.copyOf(TestKeys.SECRET_32, 16));

        assertRefused(builder, Setting.KEYS, ConfigProperties.HMAC_SECRET, FindingCode.SHORT_HMAC_SECRET);
        assertThatThrownBy(builder::build).hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
    }

    @Test
    void buildWhenShortHmacSecretAcknowledgedThenWarning() {
        VerifierConfigBuilder builder = hmac(Arrays.copyOf(TestKeys.SECRET_32, 16))
                .acknowledge(Set.of(FindingCode.SHORT_HMAC_SECRET));
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.SHORT_HMAC_SECRET, Setting.KEYS, ConfigProperties.HMAC_SECRET);
    }

    @Test
    void buildWhenHmacSecret32BytesThenAcceptedAndHs256Default() {
        VerifierConfig config = hmac(TestKeys.SECRET_32).build();

        assertThat(config.posture().findings()).isEmpty();
        assertThat(config.allowedAlgorithms()).containsExactly(JwsAlgorithm.HS256);
    }

    // DECRYPT_ONLY

    @Test
    void buildWhenHardenedAndDecryptOnlyThenRefusedNamingPublicKeyLocation() {
        VerifierConfigBuilder builder = decryptOnly();

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.KEYS.builderMethod());
            assertThat(e.getMessage()).contains("configure " + Setting.KEYS.builderMethod());
        });
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(ConfigProperties.MP_PUBLIC_KEY_LOCATION);
                    assertThat(e.getMessage()).contains("configure " + ConfigProperties.MP_PUBLIC_KEY_LOCATION);
                });
    }

    @Test
    void buildWhenHardenedAndDecryptOnlyAcknowledgedThenRefusedNamingAcknowledge() {
        VerifierConfigBuilder builder = decryptOnly().acknowledge(Set.of(FindingCode.DECRYPT_ONLY));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.ACKNOWLEDGE.builderMethod());
            assertThat(e.getMessage()).contains("cannot be acknowledged").contains("only the mp-compat profile")
                    .contains(Setting.PROFILE.builderMethod());
        });
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(ConfigProperties.ACKNOWLEDGE);
                    assertThat(e.getMessage()).contains("cannot be acknowledged")
                            .contains("only the mp-compat profile").contains(ConfigProperties.PROFILE);
                });
    }

    @Test
    void buildWhenMpCompatAndDecryptOnlyThenWarning() {
        VerifierConfigBuilder builder = decryptOnly().profile(Profile.MP_COMPAT);
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.DECRYPT_ONLY, Setting.DECRYPTION_KEYS, ConfigProperties.MP_DECRYPT_KEY_LOCATION);
        assertThat(config.decryptOnlyAccepted()).isTrue();
    }

    @Test
    void buildWhenDecryptionAndVerificationKeysThenNoDecryptOnlyFinding() {
        VerifierConfig config = TestConfigs.rsa().decryptionKeys(decryptionKeys()).build();

        assertThat(config.posture().has(FindingCode.DECRYPT_ONLY)).isFalse();
        assertThat(config.decryptOnlyAccepted()).isFalse();
    }

    // NO_AUDIENCE, MP_COMPAT_PROFILE (plain-http key locations are refused by ConfigLoader: ConfigLoaderTest)

    @Test
    void buildWhenNoAudienceThenWarningOnly() {
        VerifierConfigBuilder builder = TestConfigs.rsa().audiences(Set.of());
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.NO_AUDIENCE, Setting.AUDIENCES, ConfigProperties.MP_AUDIENCES);
    }

    @Test
    void buildWhenMpCompatThenProfileWarning() {
        VerifierConfigBuilder builder = TestConfigs.rsa().profile(Profile.MP_COMPAT);
        VerifierConfig config = builder.build();

        assertWarning(config, builder, FindingCode.MP_COMPAT_PROFILE, Setting.PROFILE, ConfigProperties.PROFILE);
    }

    // several errors, report shape

    @Test
    void buildWhenSeveralErrorsThenFirstNamedAndOthersListed() {
        VerifierConfigBuilder builder = TestConfigs.rsa().issuer(null).maxLifetime(null);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.ISSUER.builderMethod());
            assertThat(e.getMessage()).contains("; also ").contains(FindingCode.UNBOUNDED_LIFETIME.name());
        });
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(ConfigProperties.MP_ISSUER);
                    assertThat(e.getMessage()).contains("; also ").contains(FindingCode.UNBOUNDED_LIFETIME.name());
                });
    }

    @Test
    void postureWhenErrorsAndWarningsThenErrorsFirstAndSummaryListsAll() {
        VerifierConfig config = TestConfigs.rsa().issuer(null).audiences(Set.of()).maxLifetime(null)
                .acknowledge(EnumSet.of(FindingCode.NO_ISSUER, FindingCode.UNBOUNDED_LIFETIME)).build();

        assertThat(config.posture().hasErrors()).isFalse();
        assertThat(config.posture().findings()).extracting(PostureFinding::code).containsExactlyInAnyOrder(
                FindingCode.NO_ISSUER, FindingCode.NO_AUDIENCE, FindingCode.UNBOUNDED_LIFETIME);
        assertThat(config.posture().summary()).contains("3 findings").contains("NO_ISSUER").contains("NO_AUDIENCE")
                .contains("UNBOUNDED_LIFETIME");
        assertThatThrownBy(() -> config.posture().findings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void buildWhenNonAcknowledgeableCodeAcknowledgedThenRefusedNamingAcknowledge() {
        VerifierConfigBuilder builder = TestConfigs.rsa().acknowledge(Set.of(FindingCode.MP_COMPAT_PROFILE));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(Setting.ACKNOWLEDGE.builderMethod()));
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(ConfigProperties.ACKNOWLEDGE));
    }

    // plain validation

    @Test
    void buildWhenNoKeyThenRefusedNamingPublicKeyLocation() {
        assertInvalid(VerifierConfig.builder().issuer("i").audiences(Set.of("a")).clock(TestConfigs.CLOCK), Setting.KEYS, ConfigProperties.MP_PUBLIC_KEY_LOCATION);
    }

    @Test
    void buildWhenBlankIssuerOrAudienceThenRefusedNamingThem() {
        assertInvalid(TestConfigs.rsa().issuer("  "), Setting.ISSUER, ConfigProperties.MP_ISSUER);
        assertInvalid(TestConfigs.rsa().audiences(Set.of("a", " ")), Setting.AUDIENCES, ConfigProperties.MP_AUDIENCES);
    }

    @Test
    void buildWhenNegativeDurationsThenRefusedNamingThem() {
        assertInvalid(TestConfigs.rsa().clockSkew(Duration.ofSeconds(-1)), Setting.CLOCK_SKEW, ConfigProperties.MP_CLOCK_SKEW);
        assertInvalid(TestConfigs.rsa().maxClockSkew(Duration.ofSeconds(-1)), Setting.MAX_CLOCK_SKEW, ConfigProperties.MAX_CLOCK_SKEW);
        assertInvalid(TestConfigs.rsa().maxLifetime(Duration.ZERO), Setting.MAX_LIFETIME, ConfigProperties.MAX_LIFETIME);
        assertInvalid(TestConfigs.rsa().maxLifetime(Duration.ofHours(-1)), Setting.MAX_LIFETIME, ConfigProperties.MAX_LIFETIME);
        assertInvalid(TestConfigs.rsa().maxTokenAge(Duration.ZERO), Setting.MAX_TOKEN_AGE, ConfigProperties.MP_TOKEN_AGE);
        assertInvalid(TestConfigs.rsa().maxTokenAge(Duration.ofSeconds(-5)), Setting.MAX_TOKEN_AGE, ConfigProperties.MP_TOKEN_AGE);
    }

    @Test
    void buildWhenTokenSizeOutOfRangeThenRefusedNamingMaxSize() {
        assertInvalid(TestConfigs.rsa().maxTokenSize(63), Setting.MAX_TOKEN_SIZE, ConfigProperties.MAX_TOKEN_SIZE);
        assertInvalid(TestConfigs.rsa().maxTokenSize((1 << 20) + 1), Setting.MAX_TOKEN_SIZE, ConfigProperties.MAX_TOKEN_SIZE);
        assertThat(TestConfigs.rsa().maxTokenSize(64).build().maxTokenSize()).isEqualTo(64);
        assertThat(TestConfigs.rsa().maxTokenSize(1 << 20).build().maxTokenSize()).isEqualTo(1 << 20);
    }

    @Test
    void buildWhenTypeRequiredButNoTypeAcceptedThenRefusedNamingTokenTypes() {
        assertInvalid(TestConfigs.rsa().acceptedTypes(Set.of()).typeRequired(true), Setting.TOKEN_TYPES, ConfigProperties.TOKEN_TYPES);
    }

    @Test
    void buildWhenGroupsPathMalformedThenRefusedNamingGroupsClaim() {
        for (String path : List.of("", " ", "realm_access..roles", ".roles", "roles.")) {
            assertInvalid(TestConfigs.rsa().groupsClaimPath(path), Setting.GROUPS_CLAIM, ConfigProperties.GROUPS_CLAIM);
        }
    }

    @Test
    void buildWhenNoAlgorithmThenRefusedNamingAlgorithms() {
        assertInvalid(TestConfigs.rsa().allowedAlgorithms(EnumSet.noneOf(JwsAlgorithm.class)), Setting.ALGORITHMS, ConfigProperties.ALGORITHMS);
    }

    @Test
    void buildWhenNoAlgorithmGivenAsEmptySetThenRefusedNamingAlgorithms() {
        assertInvalid(TestConfigs.rsa().allowedAlgorithms(Set.of()), Setting.ALGORITHMS, ConfigProperties.ALGORITHMS);
        assertInvalid(TestConfigs.rsa().keyManagementAlgorithms(Set.of()), Setting.KEY_MANAGEMENT_ALGORITHMS,
                ConfigProperties.MP_DECRYPT_KEY_ALGORITHM);
    }

    @Test
    void buildWhenNoKeyManagementAlgorithmThenRefusedNamingDecryptAlgorithm() {
        assertInvalid(TestConfigs.rsa().keyManagementAlgorithms(EnumSet.noneOf(KeyManagementAlgorithm.class)), Setting.KEY_MANAGEMENT_ALGORITHMS, ConfigProperties.MP_DECRYPT_KEY_ALGORITHM);
    }

    @Test
    void buildWhenDefaultAlgorithmsThenRs256ForAsymmetricKey() {
        VerifierConfig config = VerifierConfig.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()))
                .issuer(TokenFactory.ISSUER).audiences(Set.of(TokenFactory.AUDIENCE)).build();

        assertThat(config.allowedAlgorithms()).containsExactly(JwsAlgorithm.RS256);
    }

    @Test
    void normalizeTypeWhenApplicationPrefixAndCaseThenShortLowerForm() {
        assertThat(TokenTypes.normalize("application/AT+JWT")).isEqualTo("at+jwt");
        assertThat(TokenTypes.normalize(" JWT ")).isEqualTo("jwt");
        assertThat(TokenTypes.normalize("application/x/y")).isEqualTo("application/x/y");
    }

    @Test
    void strengthPolicyForWhenProfilesAndAcknowledgementThenMinimumBits() {
        assertThat(VerifierConfig.strengthPolicyFor(Profile.HARDENED, Set.of()).minRsaBits()).isEqualTo(2048);
        assertThat(VerifierConfig.strengthPolicyFor(Profile.MP_COMPAT, Set.of()).minRsaBits()).isEqualTo(1024);
        assertThat(VerifierConfig.strengthPolicyFor(Profile.HARDENED, Set.of(FindingCode.WEAK_RSA_KEY)).minRsaBits())
                .isEqualTo(1024);
    }

    /** As {@link TestConfigs#rsa()}, trusting {@link TestKeys#RSA_1024} only. */
    private static VerifierConfigBuilder rsa1024() {
        return VerifierConfig.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_1024.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK);
    }

    private static String sign1024() {
        return TokenFactory.sign(TokenFactory.header("RS256"), RawClaims.valid().json(), "RS256",
                TestKeys.RSA_1024.getPrivate());
    }

    private static VerifierConfigBuilder hmac(byte[] secret) {
        return VerifierConfig.builder().verificationKeys(VerificationKey.ofSecret(null, secret, true))
                .issuer(TokenFactory.ISSUER).audiences(Set.of(TokenFactory.AUDIENCE)).clock(TestConfigs.CLOCK);
    }

    private static DecryptionKeySource decryptionKeys() {
        return DecryptionKeySource.of(List.of(new DecryptionKey(null, TestKeys.RSA_2048_OTHER.getPrivate())));
    }

    private static VerifierConfigBuilder decryptOnly() {
        return VerifierConfig.builder().decryptionKeys(decryptionKeys()).issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE)).clock(TestConfigs.CLOCK);
    }


    /** Refused under both namings: builder methods by default, properties as ConfigLoader names them. */
    private static void assertRefused(VerifierConfigBuilder builder, Setting setting, String property, FindingCode code) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting.builderMethod());
            assertThat(e.getMessage()).startsWith(setting.builderMethod() + ": ")
                    .contains("accept the risk with acknowledge(Set) with " + code);
        });
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(property);
                    assertThat(e.getMessage()).startsWith(property + ": ")
                            .contains("accept the risk with " + ConfigProperties.ACKNOWLEDGE + "=" + code);
                });
    }

    private static void assertInvalid(VerifierConfigBuilder builder, Setting setting, String property) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting.builderMethod());
            assertThat(e.getMessage()).startsWith(setting.builderMethod() + ": ")
                    .hasSizeGreaterThan(setting.builderMethod().length() + 20);
        });
        assertThatThrownBy(builder.settingNames(PropertyNames.INSTANCE)::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(property);
                    assertThat(e.getMessage()).startsWith(property + ": ").hasSizeGreaterThan(property.length() + 20);
                });
    }

    /** A warning under both namings: builder methods by default, properties as ConfigLoader names them. */
    private static void assertWarning(VerifierConfig config, VerifierConfigBuilder builder, FindingCode code,
            Setting setting, String property) {
        assertWarningNamed(config, code, setting.builderMethod());
        assertWarningNamed(builder.settingNames(PropertyNames.INSTANCE).build(), code, property);
    }

    private static void assertWarningNamed(VerifierConfig config, FindingCode code, String name) {
        assertThat(config.posture().hasErrors()).isFalse();
        assertThat(config.posture().findings()).filteredOn(f -> f.code() == code).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.setting()).isEqualTo(name);
        });
    }
}

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
import io.jwtguard.core.verify.TokenVerifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link VerifierConfig.Builder#build()}: validation and the posture check of each profile. */
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
    void buildWhenNoIssuerThenRefusedNamingIssuerProperty() {
        assertRefused(TestConfigs.rsa().issuer(null), ConfigProperties.MP_ISSUER, FindingCode.NO_ISSUER);
    }

    @Test
    void buildWhenNoIssuerAcknowledgedThenWarningAndAnyIssuerAccepted() {
        VerifierConfig config = TestConfigs.rsa().issuer(null).acknowledge(Set.of(FindingCode.NO_ISSUER)).build();

        assertWarning(config, FindingCode.NO_ISSUER, ConfigProperties.MP_ISSUER);
        assertThat(TokenVerifier.create(config).verify(RawClaims.valid().withString("iss", "https://anyone")
                .signRs256()).getIssuer()).isEqualTo("https://anyone");
    }

    // UNBOUNDED_LIFETIME

    @Test
    void buildWhenLifetimeUnboundedThenRefusedNamingMaxLifetime() {
        assertRefused(TestConfigs.rsa().maxLifetime(null), ConfigProperties.MAX_LIFETIME,
                FindingCode.UNBOUNDED_LIFETIME);
    }

    @Test
    void buildWhenLifetimeUnboundedAcknowledgedThenWarning() {
        VerifierConfig config = TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build();

        assertWarning(config, FindingCode.UNBOUNDED_LIFETIME, ConfigProperties.MAX_LIFETIME);
        assertThat(config.maxLifetime()).isEmpty();
    }

    // SKEW_OVER_BOUND

    @Test
    void buildWhenSkewOverBoundThenRefusedNamingClockSkew() {
        assertRefused(TestConfigs.rsa().clockSkew(Duration.ofSeconds(301)), ConfigProperties.MP_CLOCK_SKEW,
                FindingCode.SKEW_OVER_BOUND);
    }

    @Test
    void buildWhenSkewExactlyAtBoundThenAccepted() {
        assertThat(TestConfigs.rsa().clockSkew(Duration.ofMinutes(5)).build().posture().findings()).isEmpty();
    }

    @Test
    void buildWhenSkewOverBoundAcknowledgedThenWarning() {
        VerifierConfig config = TestConfigs.rsa().clockSkew(Duration.ofMinutes(10))
                .acknowledge(Set.of(FindingCode.SKEW_OVER_BOUND)).build();

        assertWarning(config, FindingCode.SKEW_OVER_BOUND, ConfigProperties.MP_CLOCK_SKEW);
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
        VerifierConfig.Builder builder = rsa1024();

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.getMessage()).contains("1024 bits").contains("at least 2048")
                    .contains(ConfigProperties.ACKNOWLEDGE + "=" + FindingCode.WEAK_RSA_KEY);
        });
    }

    @Test
    void buildWhenHardenedAnd1024BitRsaKeyThenPropertyIsAConfigurationProperty() {
        assertThatThrownBy(rsa1024()::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).startsWith("mp.jwt.").isNotEqualTo("inline keys"));
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
        VerifierConfig.Builder builder = hmac(Arrays.copyOf(TestKeys.SECRET_32, 16));

        assertRefused(builder, ConfigProperties.HMAC_SECRET, FindingCode.SHORT_HMAC_SECRET);
        assertThatThrownBy(builder::build).hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
    }

    @Test
    void buildWhenShortHmacSecretAcknowledgedThenWarning() {
        VerifierConfig config = hmac(Arrays.copyOf(TestKeys.SECRET_32, 16))
                .acknowledge(Set.of(FindingCode.SHORT_HMAC_SECRET)).build();

        assertWarning(config, FindingCode.SHORT_HMAC_SECRET, ConfigProperties.HMAC_SECRET);
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
        VerifierConfig.Builder builder = decryptOnly();

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(ConfigProperties.MP_PUBLIC_KEY_LOCATION);
            assertThat(e.getMessage()).contains("configure " + ConfigProperties.MP_PUBLIC_KEY_LOCATION);
        });
    }

    @Test
    void buildWhenHardenedAndDecryptOnlyAcknowledgedThenRefusedNamingAcknowledge() {
        VerifierConfig.Builder builder = decryptOnly().acknowledge(Set.of(FindingCode.DECRYPT_ONLY));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(ConfigProperties.ACKNOWLEDGE);
            assertThat(e.getMessage()).contains("cannot be acknowledged").contains("jwtguard.profile=mp-compat");
        });
    }

    @Test
    void buildWhenMpCompatAndDecryptOnlyThenWarning() {
        VerifierConfig config = decryptOnly().profile(Profile.MP_COMPAT).build();

        assertWarning(config, FindingCode.DECRYPT_ONLY, ConfigProperties.MP_DECRYPT_KEY_LOCATION);
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
        VerifierConfig config = TestConfigs.rsa().audiences(Set.of()).build();

        assertWarning(config, FindingCode.NO_AUDIENCE, ConfigProperties.MP_AUDIENCES);
    }

    @Test
    void buildWhenMpCompatThenProfileWarning() {
        VerifierConfig config = TestConfigs.rsa().profile(Profile.MP_COMPAT).build();

        assertWarning(config, FindingCode.MP_COMPAT_PROFILE, ConfigProperties.PROFILE);
    }

    // several errors, report shape

    @Test
    void buildWhenSeveralErrorsThenFirstNamedAndOthersListed() {
        VerifierConfig.Builder builder = TestConfigs.rsa().issuer(null).maxLifetime(null);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(ConfigProperties.MP_ISSUER);
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
        VerifierConfig.Builder builder = TestConfigs.rsa().acknowledge(Set.of(FindingCode.MP_COMPAT_PROFILE));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo(ConfigProperties.ACKNOWLEDGE));
    }

    // plain validation

    @Test
    void buildWhenNoKeyThenRefusedNamingPublicKeyLocation() {
        assertInvalid(VerifierConfig.builder().issuer("i").audiences(Set.of("a")).clock(TestConfigs.CLOCK),
                ConfigProperties.MP_PUBLIC_KEY_LOCATION);
    }

    @Test
    void buildWhenBlankIssuerOrAudienceThenRefusedNamingThem() {
        assertInvalid(TestConfigs.rsa().issuer("  "), ConfigProperties.MP_ISSUER);
        assertInvalid(TestConfigs.rsa().audiences(Set.of("a", " ")), ConfigProperties.MP_AUDIENCES);
    }

    @Test
    void buildWhenNegativeDurationsThenRefusedNamingThem() {
        assertInvalid(TestConfigs.rsa().clockSkew(Duration.ofSeconds(-1)), ConfigProperties.MP_CLOCK_SKEW);
        assertInvalid(TestConfigs.rsa().maxClockSkew(Duration.ofSeconds(-1)), ConfigProperties.MAX_CLOCK_SKEW);
        assertInvalid(TestConfigs.rsa().maxLifetime(Duration.ZERO), ConfigProperties.MAX_LIFETIME);
        assertInvalid(TestConfigs.rsa().maxLifetime(Duration.ofHours(-1)), ConfigProperties.MAX_LIFETIME);
        assertInvalid(TestConfigs.rsa().maxTokenAge(Duration.ZERO), ConfigProperties.MP_TOKEN_AGE);
        assertInvalid(TestConfigs.rsa().maxTokenAge(Duration.ofSeconds(-5)), ConfigProperties.MP_TOKEN_AGE);
    }

    @Test
    void buildWhenTokenSizeOutOfRangeThenRefusedNamingMaxSize() {
        assertInvalid(TestConfigs.rsa().maxTokenSize(63), ConfigProperties.MAX_TOKEN_SIZE);
        assertInvalid(TestConfigs.rsa().maxTokenSize((1 << 20) + 1), ConfigProperties.MAX_TOKEN_SIZE);
        assertThat(TestConfigs.rsa().maxTokenSize(64).build().maxTokenSize()).isEqualTo(64);
        assertThat(TestConfigs.rsa().maxTokenSize(1 << 20).build().maxTokenSize()).isEqualTo(1 << 20);
    }

    @Test
    void buildWhenTypeRequiredButNoTypeAcceptedThenRefusedNamingTokenTypes() {
        assertInvalid(TestConfigs.rsa().acceptedTypes(Set.of()).typeRequired(true), ConfigProperties.TOKEN_TYPES);
    }

    @Test
    void buildWhenGroupsPathMalformedThenRefusedNamingGroupsClaim() {
        for (String path : List.of("", " ", "realm_access..roles", ".roles", "roles.")) {
            assertInvalid(TestConfigs.rsa().groupsClaimPath(path), ConfigProperties.GROUPS_CLAIM);
        }
    }

    @Test
    void buildWhenNoAlgorithmThenRefusedNamingAlgorithms() {
        assertInvalid(TestConfigs.rsa().allowedAlgorithms(EnumSet.noneOf(JwsAlgorithm.class)),
                ConfigProperties.ALGORITHMS);
    }

    @Test
    void buildWhenNoAlgorithmGivenAsEmptySetThenRefusedNamingAlgorithms() {
        assertThatThrownBy(() -> TestConfigs.rsa().allowedAlgorithms(Set.of()).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo(ConfigProperties.ALGORITHMS));
        assertThatThrownBy(() -> TestConfigs.rsa().keyManagementAlgorithms(Set.of()).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo(ConfigProperties.MP_DECRYPT_KEY_ALGORITHM));
    }

    @Test
    void buildWhenNoKeyManagementAlgorithmThenRefusedNamingDecryptAlgorithm() {
        assertInvalid(TestConfigs.rsa().keyManagementAlgorithms(EnumSet.noneOf(KeyManagementAlgorithm.class)),
                ConfigProperties.MP_DECRYPT_KEY_ALGORITHM);
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
        assertThat(VerifierConfig.normalizeType("application/AT+JWT")).isEqualTo("at+jwt");
        assertThat(VerifierConfig.normalizeType(" JWT ")).isEqualTo("jwt");
        assertThat(VerifierConfig.normalizeType("application/x/y")).isEqualTo("application/x/y");
    }

    @Test
    void strengthPolicyForWhenProfilesAndAcknowledgementThenMinimumBits() {
        assertThat(VerifierConfig.strengthPolicyFor(Profile.HARDENED, Set.of()).minRsaBits()).isEqualTo(2048);
        assertThat(VerifierConfig.strengthPolicyFor(Profile.MP_COMPAT, Set.of()).minRsaBits()).isEqualTo(1024);
        assertThat(VerifierConfig.strengthPolicyFor(Profile.HARDENED, Set.of(FindingCode.WEAK_RSA_KEY)).minRsaBits())
                .isEqualTo(1024);
    }

    /** As {@link TestConfigs#rsa()}, trusting {@link TestKeys#RSA_1024} only. */
    private static VerifierConfig.Builder rsa1024() {
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

    private static VerifierConfig.Builder hmac(byte[] secret) {
        return VerifierConfig.builder().verificationKeys(VerificationKey.ofSecret(null, secret, true))
                .issuer(TokenFactory.ISSUER).audiences(Set.of(TokenFactory.AUDIENCE)).clock(TestConfigs.CLOCK);
    }

    private static DecryptionKeySource decryptionKeys() {
        return DecryptionKeySource.of(List.of(new DecryptionKey(null, TestKeys.RSA_2048_OTHER.getPrivate())));
    }

    private static VerifierConfig.Builder decryptOnly() {
        return VerifierConfig.builder().decryptionKeys(decryptionKeys()).issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE)).clock(TestConfigs.CLOCK);
    }


    private static void assertRefused(VerifierConfig.Builder builder, String property, FindingCode code) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.getMessage()).startsWith(property + ": ")
                    .contains("accept the risk with " + ConfigProperties.ACKNOWLEDGE + "=" + code);
        });
    }

    private static void assertInvalid(VerifierConfig.Builder builder, String property) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.getMessage()).startsWith(property + ": ").hasSizeGreaterThan(property.length() + 20);
        });
    }

    private static void assertWarning(VerifierConfig config, FindingCode code, String property) {
        assertThat(config.posture().hasErrors()).isFalse();
        assertThat(config.posture().findings()).filteredOn(f -> f.code() == code).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.property()).isEqualTo(property);
        });
    }
}

package io.jwtguard.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.PostureFinding;
import io.jwtguard.core.verify.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Selection of the signature provider ({@code jwtguard.crypto.provider}); ACCP is a test dependency of core. */
class CryptoProvidersTest {
    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    @Test
    void selectWhenAutoAndAccpOnClassPathThenAccpServesEverySignatureAlgorithmAndTheJdkHmac() {
        SignatureEngines engines = CryptoProviders.select(Optional.empty());

        assertThat(engines.nativeProviderName()).contains(ACCP);
        assertThat(engines.nativeAlgorithms()).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512)));
        assertThat(engines.providerFor(JwsAlgorithm.HS256)).isEqualTo("JDK");
        assertThat(engines.summary()).contains(ACCP).contains("jwtguard.crypto.provider=auto");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "JDK", " jdk "})
    void selectWhenJdkThenNoNativeProvider(String value) {
        SignatureEngines engines = CryptoProviders.select(Optional.of(value));

        assertThat(engines.nativeProviderName()).isEmpty();
        assertThat(engines.providerFor(JwsAlgorithm.ES256)).isEqualTo("JDK");
        assertThat(engines.summary()).contains("jwtguard.crypto.provider=jdk");
    }

    @Test
    void selectWhenNamedAccpThenAccpForEveryAlgorithmHmacIncluded() {
        SignatureEngines engines = CryptoProviders.select(Optional.of(ACCP));

        assertThat(engines.nativeProviderName()).contains(ACCP);
        assertThat(engines.nativeAlgorithms()).containsExactlyInAnyOrder(JwsAlgorithm.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Conscript", "accp", "BouncyCastle", "amazoncorrettocryptoprovider"})
    void selectWhenUnknownNameThenRefusedWithTheFix(String value) {
        assertThatThrownBy(() -> CryptoProviders.select(Optional.of(value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "' is not a provider available here")
                .hasMessageContaining("use auto, jdk, AmazonCorrettoCryptoProvider, Conscrypt");
    }

    @Test
    void selectWhenNamedJvmProviderThenUsedAsAnInstance() {
        // a provider the JVM already lists may be named; SunEC passes the known answers of ES*/EdDSA
        SignatureEngines engines = CryptoProviders.select(Optional.of("SunEC"), List.of());

        assertThat(engines.providerFor(JwsAlgorithm.ES256)).isEqualTo("SunEC");
        assertThat(engines.providerFor(JwsAlgorithm.RS256)).isEqualTo("JDK");
    }

    @Test
    void runWhenProviderLiesThenWrongAnswer() {
        Map<JwsAlgorithm, KnownAnswers.Result> results = KnownAnswers.run(TestProviders.lying());

        assertThat(results.get(JwsAlgorithm.RS256)).isEqualTo(KnownAnswers.Result.WRONG_ANSWER);
        assertThat(results.get(JwsAlgorithm.ES256)).isEqualTo(KnownAnswers.Result.UNSUPPORTED);
    }

    @Test
    void selectWhenAutoAndFirstCandidateLiesThenItIsSkippedForTheNext() {
        SignatureEngines engines = CryptoProviders.select(Optional.of("auto"), List.of(
                TestProviders.candidate(TestProviders.lying()), CryptoProviders.NATIVE.get(0)));

        assertThat(engines.nativeProviderName()).contains(ACCP);
        assertThat(engines.summary()).contains("JwtGuardTestLying failed its self-test for [RS256]");
    }

    @Test
    void selectWhenAutoAndOnlyCandidateLiesThenJdk() {
        SignatureEngines engines = CryptoProviders.select(Optional.empty(),
                List.of(TestProviders.candidate(TestProviders.lying())));

        assertThat(engines.nativeProviderName()).isEmpty();
        assertThat(engines.summary()).contains("no native provider is usable")
                .contains("JwtGuardTestLying failed its self-test");
    }

    @Test
    void selectWhenNamedProviderLiesThenRefused() {
        assertThatThrownBy(() -> CryptoProviders.select(Optional.of("JwtGuardTestLying"),
                List.of(TestProviders.candidate(TestProviders.lying()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failed its start-up self-test for [RS256]");
    }

    @Test
    void selectWhenProviderLacksAlgorithmsThenJdkServesThoseOnly() {
        SignatureEngines engines = CryptoProviders.select(Optional.empty(),
                List.of(TestProviders.candidate(TestProviders.rs256Only())));

        assertThat(engines.nativeAlgorithms()).containsExactly(JwsAlgorithm.RS256);
        assertThat(engines.providerFor(JwsAlgorithm.RS256)).isEqualTo("JwtGuardTestRs256Only");
        assertThat(engines.providerFor(JwsAlgorithm.ES256)).isEqualTo("JDK");
        assertThat(engines.summary()).contains("the JDK's providers for [RS384");
    }

    @Test
    void selectWhenCandidateAbsentOrItsNativeLibraryFailsThenJdk() {
        SignatureEngines engines = CryptoProviders.select(Optional.empty(), List.of(
                new CryptoProviders.Candidate("Absent", Optional::empty),
                new CryptoProviders.Candidate("NoNativeBuild", () -> {
                    throw new UnsatisfiedLinkError("no native build for this platform");
                })));

        assertThat(engines.nativeProviderName()).isEmpty();
        assertThat(engines.summary()).contains("Absent is not on the class path")
                .contains("NoNativeBuild is not on the class path");
    }

    @Test
    void knownAnswersWhenAccpThenEveryAlgorithmPasses() throws Exception {
        java.security.Provider accp = CryptoProviders.NATIVE.get(0).loader().get().orElseThrow();

        assertThat(KnownAnswers.run(accp)).allSatisfy((algorithm, result) ->
                assertThat(result).as(algorithm.name()).isEqualTo(KnownAnswers.Result.PASSED));
    }

    @Test
    void signWhenNativeThenJdkVerifies() throws Exception {
        SignatureEngines accp = CryptoProviders.select(Optional.of(ACCP));
        byte[] input = "header.payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (JwsAlgorithm algorithm : EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.PS256, JwsAlgorithm.ES256,
                JwsAlgorithm.ES512, JwsAlgorithm.EdDSA)) {
            java.security.KeyPair pair = switch (algorithm.keyFamily()) {
                case RSA -> TestKeys.RSA_2048;
                case ED25519 -> TestKeys.ED25519;
                default -> algorithm == JwsAlgorithm.ES256 ? TestKeys.EC_P256 : TestKeys.EC_P521;
            };
            byte[] signature = accp.sign(algorithm, pair.getPrivate(), input);

            assertThat(SignatureEngines.jdk().verify(algorithm, pair.getPublic(), input, input.length, signature))
                    .as(algorithm.name()).isTrue();
        }
    }

    @Test
    void loadWhenUnknownProviderThenDeploymentFailsNamingTheProperty() {
        assertThatThrownBy(() -> ConfigLoader.load(name -> Optional.ofNullable(Map.of(
                "mp.jwt.verify.publickey", TestKeys.publicPem(TestKeys.RSA_2048),
                "mp.jwt.verify.issuer", "https://issuer.example",
                "mp.jwt.verify.audiences", "orders-api",
                "jwtguard.crypto.provider", "Nope").get(name)), TestConfigs.CLOCK))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwtguard.crypto.provider")
                .hasMessageContaining("'Nope' is not a provider available here");
    }

    @Test
    void loadWhenAutoThenPostureReportNamesTheProvider() {
        var config = ConfigLoader.load(name -> Optional.ofNullable(Map.of(
                "mp.jwt.verify.publickey", TestKeys.publicPem(TestKeys.RSA_2048),
                "mp.jwt.verify.issuer", "https://issuer.example",
                "mp.jwt.verify.audiences", "orders-api").get(name)), TestConfigs.CLOCK).verifier();

        assertThat(config.signatureEngines().nativeProviderName()).contains(ACCP);
        assertThat(config.posture().findings()).filteredOn(f -> f.code() == FindingCode.CRYPTO_PROVIDER)
                .singleElement().satisfies((PostureFinding f) -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.toString()).contains("jwtguard.crypto.provider").contains(ACCP);
                });
    }

    @Test
    void loadWhenJdkThenPostureReportSaysJdk() {
        var config = ConfigLoader.load(name -> Optional.ofNullable(Map.of(
                "mp.jwt.verify.publickey", TestKeys.publicPem(TestKeys.RSA_2048),
                "mp.jwt.verify.issuer", "https://issuer.example",
                "mp.jwt.verify.audiences", "orders-api",
                "jwtguard.crypto.provider", "jdk").get(name)), TestConfigs.CLOCK).verifier();

        assertThat(config.signatureEngines().nativeProviderName()).isEmpty();
        assertThat(config.posture().has(FindingCode.CRYPTO_PROVIDER)).isTrue();
    }
}

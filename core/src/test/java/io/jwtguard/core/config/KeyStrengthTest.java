package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.InvalidSettingException;
import io.jwtguard.core.verify.Profile;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.Severity;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.TrustedIssuer;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One key-strength policy for every key of every issuer, whatever its source: RSA under 1024 bits
 * is never accepted (no profile, no acknowledgement); under 2048 is the posture finding
 * {@code WEAK_RSA_KEY}, an error in hardened unless acknowledged, a warning in mp-compat (whose
 * MicroProfile JWT TCK needs 1024). Keys known only at run time (custom {@link KeySource}s) get
 * the same policy when they are used.
 */
class KeyStrengthTest {
    private static final String OTHER = "https://other.example";
    private static final KeyPair RSA_512 = rsa(512);
    private static final KeyPair RSA_768 = rsa(768);

    @TempDir
    static Path dir;

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair key(int bits) {
        switch (bits) {
            case 512: return RSA_512;
            case 768: return RSA_768;
            case 1024: return TestKeys.RSA_1024;
            default: return TestKeys.RSA_2048;
        }
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A PKCS12 store with one self-signed certificate of a new RSA key of {@code bits} (keytool). */
    private static Path keystore(int bits) throws IOException, InterruptedException {
        Path store = dir.resolve("rsa-" + bits + "-" + System.nanoTime() + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "rsa" + bits, "-keyalg", "RSA", "-keysize", String.valueOf(bits),
                "-sigalg", "SHA256withRSA", "-dname", "CN=weak", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "store-pass", "-keypass", "store-pass")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        return store;
    }

    private static Map<String, String> base(String profile, boolean acknowledged) {
        Map<String, String> props = new HashMap<>();
        props.put(MP_ISSUER, TokenFactory.ISSUER);
        props.put(MP_AUDIENCES, TokenFactory.AUDIENCE);
        props.put(PROFILE, profile);
        if (acknowledged) {
            props.put(ACKNOWLEDGE, "WEAK_RSA_KEY");
        }
        return props;
    }

    /** Puts an RSA key of {@code bits} into {@code source}; returns the property a refusal must name. */
    private static String put(Map<String, String> props, String source, int bits) throws Exception {
        switch (source) {
            case "inline":
                props.put(MP_PUBLIC_KEY, pem(key(bits).getPublic()));
                return MP_PUBLIC_KEY;
            case "file":
                props.put(MP_PUBLIC_KEY_LOCATION, Files.writeString(dir.resolve("rsa-" + bits + ".pem"),
                        pem(key(bits).getPublic())).toString());
                return MP_PUBLIC_KEY_LOCATION;
            case "keystore":
                props.put(KEYSTORE_LOCATION, keystore(bits).toString());
                props.put(KEYSTORE_PASSWORD, "store-pass");
                return KEYSTORE_LOCATION;
            case "issuer-inline":
            case "issuer-file":
                props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
                props.put(ISSUERS, "other");
                props.put(ISSUER_PREFIX + "other.issuer", OTHER);
                props.put(ISSUER_PREFIX + "other.audiences", TokenFactory.AUDIENCE);
                if (source.equals("issuer-inline")) {
                    props.put(ISSUER_PREFIX + "other.publickey", pem(key(bits).getPublic()));
                    return ISSUER_PREFIX + "other.publickey";
                }
                props.put(ISSUER_PREFIX + "other.publickey.location", Files.writeString(
                        dir.resolve("other-rsa-" + bits + ".pem"), pem(key(bits).getPublic())).toString());
                return ISSUER_PREFIX + "other.publickey.location";
            default:
                throw new IllegalArgumentException(source);
        }
    }

    private static LoadedConfiguration load(Map<String, String> props) {
        return ConfigLoader.load(name -> Optional.ofNullable(props.get(name)), TestConfigs.CLOCK);
    }

    private static String token(String issuer, KeyPair signer) {
        String claims = TokenFactory.claims(TestConfigs.NOW.getEpochSecond() - 10)
                .replace(TokenFactory.ISSUER, issuer);
        return TokenFactory.sign(TokenFactory.header("RS256"), claims, "RS256", signer.getPrivate());
    }

    // under 1024 bits: never, whatever the source, profile or acknowledgement

    @ParameterizedTest(name = "{0} bits, {1}, {2}, acknowledged {3}")
    @CsvSource({
            "512,inline,hardened,false", "512,inline,hardened,true", "512,inline,mp-compat,false",
            "768,inline,mp-compat,true",
            "512,file,hardened,true", "768,file,mp-compat,false", "512,file,mp-compat,true",
            "512,keystore,hardened,true", "768,keystore,mp-compat,false", "512,keystore,mp-compat,true",
            "512,issuer-inline,hardened,false", "768,issuer-inline,hardened,true", "512,issuer-inline,mp-compat,false",
            "768,issuer-file,hardened,true", "512,issuer-file,mp-compat,false", "768,issuer-file,mp-compat,true"})
    void loadWhenRsaKeyUnder1024BitsThenRefusedInEverySourceAndProfile(int bits, String source, String profile,
            boolean acknowledged) throws Exception {
        Map<String, String> props = base(profile, acknowledged);
        String property = put(props, source, bits);

        assertThatThrownBy(() -> load(props)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.getMessage()).contains(bits + " bits").contains("1024");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 768})
    void buildWhenProgrammaticKeysUnder1024BitsThenRefusedForEveryIssuer(int bits) {
        VerificationKey weak = VerificationKey.ofPublicKey("weak", key(bits).getPublic());
        assertThatThrownBy(() -> TestConfigs.rsa().profile(Profile.MP_COMPAT).verificationKeys(weak).build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> TestConfigs.rsa().acknowledge(Set.of(FindingCode.WEAK_RSA_KEY))
                .trustedIssuer(trusted(StaticKeySource.of(weak))).build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("1024");
    }

    // 1024 to 2047 bits: WEAK_RSA_KEY for every issuer

    @ParameterizedTest
    @ValueSource(strings = {"issuer-inline", "issuer-file"})
    void loadWhenAdditionalIssuerHas1024BitKeyInHardenedThenWeakRsaKeyFailsDeployment(String source) throws Exception {
        Map<String, String> props = base("hardened", false);
        String property = put(props, source, 1024);

        assertThatThrownBy(() -> load(props)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.getMessage()).contains("1024 bits").contains(ACKNOWLEDGE + "=WEAK_RSA_KEY");
        });
    }

    @ParameterizedTest
    @CsvSource({"hardened,true", "mp-compat,false"})
    void loadWhenAdditionalIssuerHas1024BitKeyAcceptedThenWarningAndItsTokensVerify(String profile,
            boolean acknowledged) throws Exception {
        Map<String, String> props = base(profile, acknowledged);
        String property = put(props, "issuer-inline", 1024);

        LoadedConfiguration loaded = load(props);

        assertThat(loaded.verifier().posture().findings()).anyMatch(f -> f.code() == FindingCode.WEAK_RSA_KEY
                && f.severity() == Severity.WARNING && f.setting().equals(property));
        assertThat(TokenVerifier.create(loaded.verifier()).verify(token(OTHER, TestKeys.RSA_1024)).getIssuer())
                .isEqualTo(OTHER);
    }

    @Test
    void loadWhenPrimaryKeyHas1024BitsInMpCompatThenAcceptedAsTheTckNeeds() {
        Map<String, String> props = base("mp-compat", false);
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_1024.getPublic()));

        TokenVerifier verifier = TokenVerifier.create(load(props).verifier());

        assertThat(verifier.verify(token(TokenFactory.ISSUER, TestKeys.RSA_1024)).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void buildWhenProgrammaticAdditionalIssuerHas1024BitKeyInHardenedThenRefused() {
        VerifierConfigBuilder builder = TestConfigs.rsa()
                .trustedIssuer(trusted(StaticKeySource.of(VerificationKey.ofPublicKey(null, TestKeys.RSA_1024.getPublic()))));
        assertThatThrownBy(builder::build).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("WEAK_RSA_KEY");
    }

    // 2048: accepted everywhere, no finding

    @ParameterizedTest
    @ValueSource(strings = {"inline", "file", "keystore", "issuer-inline", "issuer-file"})
    void loadWhen2048BitKeyThenNoWeakKeyFindingInHardened(String source) throws Exception {
        Map<String, String> props = base("hardened", false);
        put(props, source, 2048);

        LoadedConfiguration loaded = load(props);

        assertThat(loaded.verifier().posture().findings()).noneMatch(f -> f.code() == FindingCode.WEAK_RSA_KEY);
    }

    // keys known only at run time: custom key sources

    /** A key source whose keys are only known at run time (not a StaticKeySource). */
    private static KeySource custom(KeyPair... pairs) {
        List<VerificationKey> keys = java.util.Arrays.stream(pairs)
                .map(p -> VerificationKey.ofPublicKey(null, p.getPublic())).toList();
        return new KeySource() {
            @Override
            public List<VerificationKey> keys() {
                return keys;
            }

            @Override
            public String describe() {
                return "custom runtime keys";
            }
        };
    }

    private static TrustedIssuer trusted(KeySource source) {
        return TrustedIssuer.builder("other", OTHER).keySource(source).allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .audiences(Set.of(TokenFactory.AUDIENCE)).clockSkew(Duration.ofSeconds(30)).build();
    }

    private static VerifierConfigBuilder customConfig(KeySource source) {
        return VerifierConfig.builder().keySource(source).allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER).audiences(Set.of(TokenFactory.AUDIENCE)).clock(TestConfigs.CLOCK);
    }

    private static void assertNoMatchingKey(TokenVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.NO_MATCHING_KEY));
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 768})
    void verifyWhenCustomKeySourceServesKeyUnder1024BitsThenNeverUsed(int bits) {
        for (VerifierConfigBuilder builder : List.of(customConfig(custom(key(bits))).profile(Profile.MP_COMPAT),
                customConfig(custom(key(bits))).acknowledge(Set.of(FindingCode.WEAK_RSA_KEY)))) {
            assertNoMatchingKey(TokenVerifier.create(builder.build()), token(TokenFactory.ISSUER, key(bits)));
        }
        TokenVerifier multi = TokenVerifier.create(TestConfigs.rsa().profile(Profile.MP_COMPAT)
                .trustedIssuer(trusted(custom(key(bits)))).build());
        assertNoMatchingKey(multi, token(OTHER, key(bits)));
    }

    @Test
    void verifyWhenCustomKeySourceServes1024BitKeyThenRefusedInHardenedAcceptedWhenAllowed() {
        String token = token(TokenFactory.ISSUER, TestKeys.RSA_1024);
        assertNoMatchingKey(TokenVerifier.create(customConfig(custom(TestKeys.RSA_1024)).build()), token);

        assertThat(TokenVerifier.create(customConfig(custom(TestKeys.RSA_1024)).profile(Profile.MP_COMPAT).build())
                .verify(token).getName()).isEqualTo("jdoe@example.com");
        assertThat(TokenVerifier.create(customConfig(custom(TestKeys.RSA_1024))
                .acknowledge(Set.of(FindingCode.WEAK_RSA_KEY)).build()).verify(token).getName())
                .isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenCustomKeySourceServesWeakAndStrongKeysThenOnlyTheStrongOneVerifies() {
        TokenVerifier verifier = TokenVerifier.create(customConfig(custom(RSA_768, TestKeys.RSA_2048)).build());

        assertThat(verifier.verify(token(TokenFactory.ISSUER, TestKeys.RSA_2048)).getName()).isEqualTo("jdoe@example.com");
        assertThatThrownBy(() -> verifier.verify(token(TokenFactory.ISSUER, RSA_768)))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_SIGNATURE));
    }
}

package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates from the PKCS12 store under src/test/resources/keys (see its README). */
class KeystoreKeysTest {
    private static final String RESOURCE = "keys/test-keystore.p12";
    private static final char[] PASSWORD = "test-store-pass".toCharArray();

    @TempDir
    Path dir;

    @Test
    void loadWhenClasspathStoreThenEveryCertificateWithAliasAsKid() throws Exception {
        List<VerificationKey> keys = KeystoreKeys.load("classpath:" + RESOURCE, "PKCS12", PASSWORD, Set.of());

        assertThat(keys).extracting(k -> k.keyId().orElseThrow()).containsExactlyInAnyOrder("signer-rsa", "signer-ec");
        KeyStore store = KeyMaterialTest.keystore();
        for (VerificationKey key : keys) {
            assertThat(key.key()).isEqualTo(store.getCertificate(key.keyId().orElseThrow()).getPublicKey());
        }
    }

    @Test
    void loadWhenAliasSelectedThenOnlyThatCertificate() {
        List<VerificationKey> keys = KeystoreKeys.load("classpath:" + RESOURCE, "PKCS12", PASSWORD,
                Set.of("signer-ec"));

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.keyId()).contains("signer-ec");
            assertThat(k.algorithms()).containsExactly(JwsAlgorithm.ES256);
        });
    }

    @Test
    void loadWhenFilePathOrFileUrlThenLoaded() throws Exception {
        Path copy = copyToTemp();

        assertThat(KeystoreKeys.load(copy.toString(), "PKCS12", PASSWORD, Set.of("signer-rsa"))).hasSize(1);
        assertThat(KeystoreKeys.load("file:" + copy, "PKCS12", PASSWORD, Set.of("signer-rsa"))).hasSize(1);
    }

    @Test
    void loadWhenWrongPasswordThenIllegalArgumentWithoutPassword() {
        String wrong = "Wr0ng-Passw0rd-Secret";

        assertThatThrownBy(() -> KeystoreKeys.load("classpath:" + RESOURCE, "PKCS12", wrong.toCharArray(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(RESOURCE).doesNotContain(wrong)
                        .doesNotContain(new String(PASSWORD)))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void loadWhenWrongTypeThenIllegalArgument() {
        assertThatThrownBy(() -> KeystoreKeys.load("classpath:" + RESOURCE, "JCEKS", PASSWORD, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RESOURCE);
    }

    @Test
    void loadWhenMissingThenIllegalArgumentNamingLocation() {
        assertThatThrownBy(() -> KeystoreKeys.load("classpath:keys/absent.p12", "PKCS12", PASSWORD, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys/absent.p12");
        assertThatThrownBy(() -> KeystoreKeys.load(dir.resolve("absent.p12").toString(), "PKCS12", PASSWORD,
                Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadWhenAliasUnknownThenIllegalArgumentNamingAliases() {
        assertThatThrownBy(() -> KeystoreKeys.load("classpath:" + RESOURCE, "PKCS12", PASSWORD, Set.of("nobody")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void verifyWhenTokenSignedByStoreKeyThenVerifiedByItsCertificate() throws Exception {
        PrivateKey signer = (PrivateKey) KeyMaterialTest.keystore().getKey("signer-rsa", PASSWORD);
        List<VerificationKey> keys = KeystoreKeys.load("classpath:" + RESOURCE, "PKCS12", PASSWORD, Set.of());
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(new StaticKeySource(keys, "key store"))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .build());
        String claims = TokenFactory.claims(TestConfigs.NOW.getEpochSecond() - 10);

        String rightKid = TokenFactory.sign("{\"alg\":\"RS256\",\"kid\":\"signer-rsa\"}", claims, "RS256", signer);
        String wrongKid = TokenFactory.sign("{\"alg\":\"RS256\",\"kid\":\"signer-ec\"}", claims, "RS256", signer);

        assertThat(verifier.verify(rightKid).getName()).isEqualTo("jdoe@example.com");
        assertThatThrownBy(() -> verifier.verify(wrongKid)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.NO_MATCHING_KEY));
    }

    private Path copyToTemp() throws Exception {
        Path copy = dir.resolve("store.p12");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            Files.copy(in, copy);
        }
        return copy;
    }
}

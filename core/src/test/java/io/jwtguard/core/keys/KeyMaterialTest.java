package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.testing.TestKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {
    private static final String SOURCE = "test-source.jwks";
    /** The secp256k1 generator point as a JWK: a valid key on a curve that no JWS algorithm here uses. */
    private static final String SECP256K1_JWK = "{\"kty\":\"EC\",\"kid\":\"k1\",\"crv\":\"secp256k1\","
            + "\"x\":\"eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g\","
            + "\"y\":\"SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg\"}";

    // --- PEM ---------------------------------------------------------------------------------

    @Test
    void parsePublicKeysWhenPemSpkiRsaThenRsaKeyForRsaAlgorithms() {
        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic()
                .getEncoded()), SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPublic());
            assertThat(k.family()).isEqualTo(KeyFamily.RSA);
            assertThat(k.keyId()).isEmpty();
            assertThat(k.strengthBits()).isEqualTo(2048);
            assertThat(k.supports(JwsAlgorithm.PS512)).isTrue();
        });
    }

    @Test
    void parsePublicKeysWhenPemSpkiEcThenEs256Key() {
        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(pem("PUBLIC KEY", TestKeys.EC_P256.getPublic()
                .getEncoded()), SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo(TestKeys.EC_P256.getPublic());
            assertThat(k.algorithms()).containsExactly(JwsAlgorithm.ES256);
        });
    }

    @Test
    void parsePublicKeysWhenPemSpkiEd25519ThenEdDsaKey() {
        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(pem("PUBLIC KEY", TestKeys.ED25519.getPublic()
                .getEncoded()), SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo(TestKeys.ED25519.getPublic());
            assertThat(k.algorithms()).containsExactly(JwsAlgorithm.EdDSA);
        });
    }

    @Test
    void parsePublicKeysWhenSeveralPemBlocksThenAllInOrder() {
        String content = pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded()) + "\n"
                + pem("PUBLIC KEY", TestKeys.EC_P384.getPublic().getEncoded());

        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(content, SOURCE);

        assertThat(keys).extracting(VerificationKey::key)
                .containsExactly(TestKeys.RSA_2048.getPublic(), TestKeys.EC_P384.getPublic());
    }

    @Test
    void parsePublicKeysWhenPemHasCrlfAndSurroundingWhitespaceThenParsed() {
        String content = "\r\n  " + pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded())
                .replace("\n", "\r\n") + "  \r\n";

        assertThat(KeyMaterial.parsePublicKeys(content, SOURCE)).singleElement()
                .satisfies(k -> assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPublic()));
    }

    @Test
    void parsePublicKeysWhenPemCertificateThenCertificatePublicKey() throws Exception {
        String certificate = resource("keys/signer-rsa.cert.pem");

        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(certificate, SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo(keystore().getCertificate("signer-rsa").getPublicKey());
            assertThat(k.family()).isEqualTo(KeyFamily.RSA);
        });
    }

    @Test
    void parsePublicKeysWhenPkcs1RsaPublicKeyPemThenIllegalArgumentNamingSourceWithoutKeyMaterial() {
        byte[] spki = TestKeys.RSA_2048.getPublic().getEncoded();
        String content = pem("RSA PUBLIC KEY", Arrays.copyOfRange(spki, 24, spki.length));

        assertRefused(content, "RSA PUBLIC KEY");
    }

    @Test
    void parsePublicKeysWhenPrivateKeyPemThenIllegalArgumentWithoutKeyMaterial() {
        assertRefused(pem("PRIVATE KEY", TestKeys.RSA_2048.getPrivate().getEncoded()), "PRIVATE KEY");
    }

    @Test
    void parsePublicKeysWhenCertificatePemIsGarbageThenIllegalArgument() {
        assertRefused(pem("CERTIFICATE", "not a certificate at all".getBytes(StandardCharsets.UTF_8)), "certificate");
    }

    @Test
    void parsePublicKeysWhenPemSpkiIsDsaThenIllegalArgument() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);

        assertRefused(pem("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded()), "public key");
    }

    @Test
    void parsePublicKeysWhenPemWithoutEndLineThenIllegalArgument() {
        String pem = pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded());

        assertRefused(pem.substring(0, pem.indexOf("-----END")), "no usable verification key");
    }

    // --- JWK and JWK Set ---------------------------------------------------------------------

    @Test
    void parsePublicKeysWhenSingleJwkThenKeyWithKid() {
        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(rsaJwk("rsa-1").toJSONString(), SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.keyId()).contains("rsa-1");
            assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPublic());
        });
    }

    @Test
    void parsePublicKeysWhenJwksThenAllKeysInOrder() {
        String jwks = jwks(rsaJwk("rsa-1").toJSONString(), ecJwk("ec-1").toJSONString(), edJwk("ed-1"));

        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(jwks, SOURCE);

        assertThat(keys).extracting(k -> k.keyId().orElseThrow()).containsExactly("rsa-1", "ec-1", "ed-1");
        assertThat(keys).extracting(VerificationKey::key).containsExactly(TestKeys.RSA_2048.getPublic(),
                TestKeys.EC_P256.getPublic(), TestKeys.ED25519.getPublic());
    }

    @Test
    void parsePublicKeysWhenBase64UrlJwkThenParsed() {
        String encoded = Base64Url.encode(rsaJwk("rsa-1").toJSONString().getBytes(StandardCharsets.UTF_8));

        assertThat(KeyMaterial.parsePublicKeys(encoded, SOURCE)).singleElement()
                .satisfies(k -> assertThat(k.keyId()).contains("rsa-1"));
    }

    @Test
    void parsePublicKeysWhenBase64UrlJwksThenParsed() {
        String jwks = jwks(rsaJwk("rsa-1").toJSONString(), ecJwk("ec-1").toJSONString());
        String encoded = Base64Url.encode(jwks.getBytes(StandardCharsets.UTF_8));

        assertThat(KeyMaterial.parsePublicKeys(encoded, SOURCE)).extracting(k -> k.keyId().orElseThrow())
                .containsExactly("rsa-1", "ec-1");
    }

    @Test
    void parsePublicKeysWhenStandardBase64JwkThenParsed() {
        String encoded = Base64.getEncoder().encodeToString(ecJwk("ec-1").toJSONString()
                .getBytes(StandardCharsets.UTF_8));

        assertThat(KeyMaterial.parsePublicKeys(encoded, SOURCE)).singleElement()
                .satisfies(k -> assertThat(k.keyId()).contains("ec-1"));
    }

    @Test
    void parsePublicKeysWhenBase64DerSpkiThenParsed() {
        String encoded = Base64.getEncoder().encodeToString(TestKeys.RSA_2048.getPublic().getEncoded());

        assertThat(KeyMaterial.parsePublicKeys(encoded, SOURCE)).singleElement()
                .satisfies(k -> assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPublic()));
    }

    @Test
    void parsePublicKeysWhenBase64UrlDerSpkiThenParsed() {
        String encoded = Base64Url.encode(TestKeys.EC_P256.getPublic().getEncoded());

        assertThat(KeyMaterial.parsePublicKeys(encoded, SOURCE)).singleElement()
                .satisfies(k -> assertThat(k.key()).isEqualTo(TestKeys.EC_P256.getPublic()));
    }

    @Test
    void parsePublicKeysWhenBase64DerSpkiWrappedOverLinesThenParsed() {
        String encoded = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(TestKeys.RSA_2048.getPublic().getEncoded());

        assertThat(KeyMaterial.parsePublicKeys(encoded, SOURCE)).singleElement()
                .satisfies(k -> assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPublic()));
    }

    // --- errors ------------------------------------------------------------------------------

    @Test
    void parsePublicKeysWhenGarbageThenIllegalArgumentNamingSource() {
        assertRefused("%%% this is not a key %%%", "neither PEM");
    }

    @Test
    void parsePublicKeysWhenBase64OfGarbageThenIllegalArgument() {
        assertRefused(Base64.getEncoder().encodeToString("just some bytes".getBytes(StandardCharsets.UTF_8)),
                "public key");
    }

    @Test
    void parsePublicKeysWhenEmptyJwksThenIllegalArgument() {
        assertRefused("{\"keys\":[]}", "no usable verification key");
    }

    @Test
    void parsePublicKeysWhenInvalidJsonThenIllegalArgument() {
        assertRefused("{\"keys\":[", "not valid JSON");
    }

    @Test
    void parsePublicKeysWhenJwksRepeatsMemberThenIllegalArgument() {
        String jwk = rsaJwk("rsa-1").toJSONString();

        assertRefused("{\"keys\":[" + jwk + "],\"keys\":[]}", "not valid JSON");
    }

    @Test
    void parsePublicKeysWhenKeysIsNotArrayThenIllegalArgument() {
        assertRefused("{\"keys\":" + rsaJwk("rsa-1").toJSONString() + "}", "not an array");
    }

    @Test
    void parsePublicKeysWhenSinglePrivateJwkThenIllegalArgumentWithoutPrivateParts() {
        RSAKey withPrivate = new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048.getPublic())
                .privateKey((RSAPrivateKey) TestKeys.RSA_2048.getPrivate()).keyID("leaky").build();

        assertRefused(withPrivate.toJSONString(), "no usable verification key");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "", "   ", "{}", "[]", "{\"keys\":null}", "{\"keys\":[1,\"a\",null]}", "{\"kty\":\"RSA\",\"n\":5,\"e\":true}",
        "{\"kty\":\"EC\",\"crv\":\"P-999\",\"x\":\"AQ\",\"y\":\"AQ\"}", "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AQ\"}",
        "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"alg\":5}", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----", "e30", "W10", "AAAA", "====", "-_-_", "{\"a\":{\"b\":{\"c\":1}}}"})
    void parsePublicKeysWhenOddDocumentThenOnlyIllegalArgument(String content) {
        assertThatThrownBy(() -> KeyMaterial.parsePublicKeys(content, SOURCE))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SOURCE);
    }


    // --- JWK hygiene -------------------------------------------------------------------------

    @Test
    void parsePublicKeysWhenJwksHasUnfitKeysThenOnlyGoodKeysRemain() {
        String rsa = rsaJwk("x").toJSONString();
        String jwks = jwks(
                rsaJwk("good-rsa").toJSONString(),
                "{\"kty\":\"oct\",\"kid\":\"oct-1\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}",
                new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048.getPublic())
                        .privateKey((RSAPrivateKey) TestKeys.RSA_2048.getPrivate()).keyID("private-1").build()
                        .toJSONString(),
                withMember(rsa, "kid", "\"use-enc\"", "use", "\"enc\""),
                withMember(rsa, "kid", "\"use-sig\"", "use", "\"sig\""),
                withMember(rsa, "kid", "\"ops-encrypt\"", "key_ops", "[\"encrypt\",\"wrapKey\"]"),
                withMember(rsa, "kid", "\"ops-verify\"", "key_ops", "[\"verify\"]"),
                withMember(rsa, "kid", "\"alg-es256\"", "alg", "\"ES256\""),
                withMember(rsa, "kid", "\"alg-rsa-oaep\"", "alg", "\"RSA-OAEP\""),
                withMember(rsa, "kid", "\"alg-none\"", "alg", "\"none\""),
                withMember(rsa, "kid", "\"alg-ps384\"", "alg", "\"PS384\""),
                ecJwk("dup").toJSONString(),
                rsaJwk("dup").toJSONString(),
                ecJwk("good-ec").toJSONString(),
                "{\"kty\":\"EC\",\"kid\":\"no-y\",\"crv\":\"P-256\",\"x\":\"AQ\"}",
                "{\"kty\":\"RSA\",\"kid\":\"no-n\",\"e\":\"AQAB\"}",
                "{\"kty\":\"XYZ\",\"kid\":\"unknown-kty\"}");

        List<VerificationKey> keys = KeyMaterial.parsePublicKeys(jwks, SOURCE);

        assertThat(keys).extracting(k -> k.keyId().orElseThrow())
                .containsExactly("good-rsa", "use-sig", "ops-verify", "alg-ps384", "good-ec");
        assertThat(keys.get(3).algorithms()).containsExactly(JwsAlgorithm.PS384);
        assertThat(keys.get(0).algorithms()).hasSize(6);
    }

    @Test
    void parsePublicKeysWhenEveryJwkDroppedThenIllegalArgument() {
        String jwks = jwks(
                "{\"kty\":\"oct\",\"kid\":\"oct-1\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}",
                withMember(rsaJwk("x").toJSONString(), "kid", "\"use-enc\"", "use", "\"enc\""),
                ecJwk("dup").toJSONString(),
                ecJwk("dup").toJSONString());

        assertRefused(jwks, "no usable verification key");
    }

    @Test
    void parsePublicKeysWhenJwkDroppedThenWarningNamesKidAndReasonWithoutKeyMaterial() {
        String secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
        String jwks = jwks(rsaJwk("good-rsa").toJSONString(),
                "{\"kty\":\"oct\",\"kid\":\"oct-1\",\"k\":\"" + secret + "\"}",
                withMember(rsaJwk("x").toJSONString(), "kid", "\"use-enc\"", "use", "\"enc\""));
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(KeyMaterial.class.getName());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            KeyMaterial.parsePublicKeys(jwks, SOURCE);
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("oct-1").contains("symmetric"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("use-enc").contains("'use'"));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains(secret));
    }


    @Test
    void parsePublicKeysWhenOctKeyThenSecretNotInMessage() {
        String secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";

        assertThatThrownBy(() -> KeyMaterial.parsePublicKeys("{\"kty\":\"oct\",\"k\":\"" + secret + "\"}", SOURCE))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(SOURCE).doesNotContain(secret));
    }

    @Test
    void parsePublicKeysWhenEcPointNotOnCurveThenDropped() {
        String jwks = jwks(rsaJwk("good-rsa").toJSONString(),
                "{\"kty\":\"EC\",\"kid\":\"bad-point\",\"crv\":\"P-256\",\"x\":\"AQ\",\"y\":\"AQ\"}");

        assertThat(KeyMaterial.parsePublicKeys(jwks, SOURCE)).extracting(k -> k.keyId().orElseThrow())
                .containsExactly("good-rsa");
    }

    @Test
    void parsePublicKeysWhenJwkOnSecp256k1ThenDropped() {
        String jwks = jwks(rsaJwk("good-rsa").toJSONString(),
                SECP256K1_JWK);

        assertThat(KeyMaterial.parsePublicKeys(jwks, SOURCE)).extracting(k -> k.keyId().orElseThrow())
                .containsExactly("good-rsa");
    }

    // --- decryption keys ---------------------------------------------------------------------

    @Test
    void parseDecryptionKeysWhenPkcs8PemThenRsaPrivateKey() {
        List<DecryptionKey> keys = KeyMaterial.parseDecryptionKeys(pem("PRIVATE KEY",
                TestKeys.RSA_2048.getPrivate().getEncoded()), SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPrivate());
            assertThat(k.keyId()).isEmpty();
        });
    }

    @Test
    void parseDecryptionKeysWhenJwksThenOnlyPrivateRsaKeysWithKid() {
        String privateJwk = new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048.getPublic())
                .privateKey((RSAPrivateKey) TestKeys.RSA_2048.getPrivate()).keyID("enc-1").build().toJSONString();
        String jwks = jwks(rsaJwk("public-only").toJSONString(), privateJwk);

        List<DecryptionKey> keys = KeyMaterial.parseDecryptionKeys(jwks, SOURCE);

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.keyId()).contains("enc-1");
            assertThat(k.key().getEncoded()).isEqualTo(TestKeys.RSA_2048.getPrivate().getEncoded());
        });
    }

    @Test
    void parseDecryptionKeysWhenBase64UrlJwkThenParsed() {
        String privateJwk = new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048.getPublic())
                .privateKey((RSAPrivateKey) TestKeys.RSA_2048.getPrivate()).keyID("enc-1").build().toJSONString();

        assertThat(KeyMaterial.parseDecryptionKeys(Base64Url.encode(privateJwk.getBytes(StandardCharsets.UTF_8)),
                SOURCE)).singleElement().satisfies(k -> assertThat(k.keyId()).contains("enc-1"));
    }

    @Test
    void parseDecryptionKeysWhenEcPkcs8ThenIllegalArgumentWithoutKeyMaterial() {
        String content = pem("PRIVATE KEY", TestKeys.EC_P256.getPrivate().getEncoded());

        assertThatThrownBy(() -> KeyMaterial.parseDecryptionKeys(content, SOURCE))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertNoKeyMaterial(e.getMessage(), content));
    }

    @Test
    void parseDecryptionKeysWhenPublicPemThenIllegalArgument() {
        String content = pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded());

        assertThatThrownBy(() -> KeyMaterial.parseDecryptionKeys(content, SOURCE))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(SOURCE))
                .satisfies(e -> assertNoKeyMaterial(e.getMessage(), content));
    }

    @Test
    void parseDecryptionKeysWhenOnlyPublicJwksThenIllegalArgument() {
        assertThatThrownBy(() -> KeyMaterial.parseDecryptionKeys(jwks(rsaJwk("rsa-1").toJSONString()), SOURCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SOURCE);
    }

    // --- helpers -----------------------------------------------------------------------------

    private static void assertRefused(String content, String expectedFragment) {
        assertThatThrownBy(() -> KeyMaterial.parsePublicKeys(content, SOURCE))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(SOURCE).contains(expectedFragment))
                .satisfies(e -> assertNoKeyMaterial(e.getMessage(), content));
    }

    /** No run of 12 or more base64 characters from the key document appears in the message. */
    static void assertNoKeyMaterial(String message, String content) {
        Matcher m = Pattern.compile("[A-Za-z0-9+/=_-]{12,}").matcher(content);
        while (m.find()) {
            String run = m.group();
            for (int i = 0; i + 12 <= run.length(); i += 6) {
                assertThat(message).doesNotContain(run.substring(i, i + 12));
            }
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static RSAKey rsaJwk(String kid) {
        return new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048.getPublic()).keyID(kid).build();
    }

    static ECKey ecJwk(String kid) {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) TestKeys.EC_P256.getPublic()).keyID(kid).build();
    }

    static String edJwk(String kid) {
        byte[] spki = TestKeys.ED25519.getPublic().getEncoded();
        Base64URL x = Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        return new OctetKeyPair.Builder(Curve.Ed25519, x).keyID(kid).build().toJSONString();
    }

    static String jwks(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    /** Replaces member {@code name} (value {@code "x"}) by {@code newValue} and adds {@code extra}. */
    private static String withMember(String jwk, String name, String newValue, String extra, String extraValue) {
        return jwk.replace("\"" + name + "\":\"x\"", "\"" + name + "\":" + newValue + ",\"" + extra + "\":"
                + extraValue);
    }

    static KeyStore keystore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = KeyMaterialTest.class.getClassLoader().getResourceAsStream("keys/test-keystore.p12")) {
            store.load(in, "test-store-pass".toCharArray());
        }
        return store;
    }

    static String resource(String name) throws Exception {
        try (InputStream in = KeyMaterialTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

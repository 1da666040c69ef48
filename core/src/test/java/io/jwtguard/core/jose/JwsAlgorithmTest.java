package io.jwtguard.core.jose;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwsAlgorithmTest {
    private static final String INPUT = "eyJhbGciOiJ4In0.eyJzdWIiOiJ1In0";
    private static final byte[] INPUT_BYTES = INPUT.getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void fromJoseNameWhenExactNameThenFound(JwsAlgorithm algorithm) {
        assertThat(JwsAlgorithm.fromJoseName(algorithm.joseName())).contains(algorithm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rs256", "Rs256", "RS256 ", " RS256", "eddsa", "ES256K", "HS1", "none", "RSA-OAEP", ""})
    void fromJoseNameWhenNotExactThenEmpty(String name) {
        assertThat(JwsAlgorithm.fromJoseName(name)).isEmpty();
    }

    @Test
    void fromJoseNameWhenNullThenEmpty() {
        assertThat(JwsAlgorithm.fromJoseName(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", " none", "none\t"})
    void isNoneWhenAnySpellingOfNoneThenTrue(String name) {
        assertThat(JwsAlgorithm.isNone(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"non", "nonce", "no ne", "RS256", ""})
    void isNoneWhenOtherNameThenFalse(String name) {
        assertThat(JwsAlgorithm.isNone(name)).isFalse();
    }

    @Test
    void isNoneWhenNullThenFalse() {
        assertThat(JwsAlgorithm.isNone(null)).isFalse();
    }

    @Test
    void valuesWhenListedThenNoneIsAbsent() {
        assertThat(JwsAlgorithm.values()).noneMatch(a -> JwsAlgorithm.isNone(a.joseName()));
    }

    @Test
    void keyFamilyWhenAnyAlgorithmThenFixedFamily() {
        assertThat(JwsAlgorithm.RS256.keyFamily()).isEqualTo(KeyFamily.RSA);
        assertThat(JwsAlgorithm.PS512.keyFamily()).isEqualTo(KeyFamily.RSA);
        assertThat(JwsAlgorithm.ES384.keyFamily()).isEqualTo(KeyFamily.EC);
        assertThat(JwsAlgorithm.EdDSA.keyFamily()).isEqualTo(KeyFamily.ED25519);
        assertThat(JwsAlgorithm.HS256.keyFamily()).isEqualTo(KeyFamily.SECRET);
    }

    @Test
    void sizeBytesWhenHmacOrEcdsaThenHashOrFieldSize() {
        assertThat(JwsAlgorithm.HS256.sizeBytes()).isEqualTo(32);
        assertThat(JwsAlgorithm.HS384.sizeBytes()).isEqualTo(48);
        assertThat(JwsAlgorithm.HS512.sizeBytes()).isEqualTo(64);
        assertThat(JwsAlgorithm.ES256.sizeBytes()).isEqualTo(32);
        assertThat(JwsAlgorithm.ES384.sizeBytes()).isEqualTo(48);
        assertThat(JwsAlgorithm.ES512.sizeBytes()).isEqualTo(66);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void verifyWhenSignatureValidThenTrue(JwsAlgorithm algorithm) throws Exception {
        byte[] signature = TokenFactory.signature(algorithm.joseName(), signingKey(algorithm), INPUT);

        assertThat(algorithm.verify(verificationKey(algorithm), INPUT_BYTES, INPUT_BYTES.length, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void verifyWhenOneBitFlippedThenFalse(JwsAlgorithm algorithm) throws Exception {
        byte[] signature = TokenFactory.signature(algorithm.joseName(), signingKey(algorithm), INPUT);
        signature[signature.length / 2] ^= 1;

        assertThat(algorithm.verify(verificationKey(algorithm), INPUT_BYTES, INPUT_BYTES.length, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void verifyWhenInputDiffersThenFalse(JwsAlgorithm algorithm) throws Exception {
        byte[] signature = TokenFactory.signature(algorithm.joseName(), signingKey(algorithm), INPUT + "x");

        assertThat(algorithm.verify(verificationKey(algorithm), INPUT_BYTES, INPUT_BYTES.length, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void verifyWhenSignatureTruncatedOrExtendedThenFalse(JwsAlgorithm algorithm) throws Exception {
        byte[] signature = TokenFactory.signature(algorithm.joseName(), signingKey(algorithm), INPUT);
        Key key = verificationKey(algorithm);

        assertThat(algorithm.verify(key, INPUT_BYTES, INPUT_BYTES.length,
                Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(algorithm.verify(key, INPUT_BYTES, INPUT_BYTES.length,
                Arrays.copyOf(signature, signature.length + 1))).isFalse();
        assertThat(algorithm.verify(key, INPUT_BYTES, INPUT_BYTES.length, new byte[0])).isFalse();
    }

    @Test
    void verifyWhenOnlyPrefixOfInputIsSignedThenUsesInputLength() throws Exception {
        byte[] signature = TokenFactory.signature("RS256", TestKeys.RSA_2048.getPrivate(), INPUT);
        byte[] longer = (INPUT + ".trailing").getBytes(StandardCharsets.US_ASCII);

        assertThat(JwsAlgorithm.RS256.verify(TestKeys.RSA_2048.getPublic(), longer, INPUT_BYTES.length, signature))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void verifyWhenEcdsaSignatureAllZeroThenFalse(JwsAlgorithm algorithm) throws Exception {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 must never verify.
        byte[] zero = new byte[2 * algorithm.sizeBytes()];

        assertThat(algorithm.verify(verificationKey(algorithm), INPUT_BYTES, INPUT_BYTES.length, zero)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void verifyWhenEcdsaRorSEqualsOrderThenFalse(JwsAlgorithm algorithm) throws Exception {
        ECPublicKey key = (ECPublicKey) verificationKey(algorithm);
        byte[] valid = TokenFactory.signature(algorithm.joseName(), signingKey(algorithm), INPUT);
        byte[] order = fixedWidth(key.getParams().getOrder(), algorithm.sizeBytes());
        byte[] rIsOrder = valid.clone();
        System.arraycopy(order, 0, rIsOrder, 0, order.length);
        byte[] sIsOrder = valid.clone();
        System.arraycopy(order, 0, sIsOrder, algorithm.sizeBytes(), order.length);

        assertThat(algorithm.verify(key, INPUT_BYTES, INPUT_BYTES.length, rIsOrder)).isFalse();
        assertThat(algorithm.verify(key, INPUT_BYTES, INPUT_BYTES.length, sIsOrder)).isFalse();
    }

    @Test
    void verifyWhenEcdsaSignatureIsDerEncodedThenFalse() throws Exception {
        java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
        der.initSign(TestKeys.EC_P256.getPrivate());
        der.update(INPUT_BYTES);

        assertThat(JwsAlgorithm.ES256.verify(TestKeys.EC_P256.getPublic(), INPUT_BYTES, INPUT_BYTES.length,
                der.sign())).isFalse();
    }

    @Test
    void verifyWhenPssSignedWithOtherSaltLengthThenFalse() throws Exception {
        // PS384 signature (48-byte salt, SHA-384) presented as PS256
        byte[] ps384 = TokenFactory.signature("PS384", TestKeys.RSA_2048.getPrivate(), INPUT);

        assertThat(JwsAlgorithm.PS256.verify(TestKeys.RSA_2048.getPublic(), INPUT_BYTES, INPUT_BYTES.length, ps384))
                .isFalse();
    }

    @Test
    void verifyWhenRsaPkcs1SignaturePresentedAsPssThenFalse() throws Exception {
        byte[] rs256 = TokenFactory.signature("RS256", TestKeys.RSA_2048.getPrivate(), INPUT);

        assertThat(JwsAlgorithm.PS256.verify(TestKeys.RSA_2048.getPublic(), INPUT_BYTES, INPUT_BYTES.length, rs256))
                .isFalse();
    }

    @Test
    void verifyWhenCalledFromManyThreadsThenEachResultCorrect() throws Exception {
        byte[] good = TokenFactory.signature("ES256", TestKeys.EC_P256.getPrivate(), INPUT);
        byte[] bad = good.clone();
        bad[5] ^= 1;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] signature = i % 2 == 0 ? good : bad;
                results.add(pool.submit(() -> JwsAlgorithm.ES256.verify(TestKeys.EC_P256.getPublic(), INPUT_BYTES,
                        INPUT_BYTES.length, signature)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] fixedWidth(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
        return out;
    }

    private static Key signingKey(JwsAlgorithm algorithm) {
        return switch (algorithm.keyFamily()) {
            case RSA -> TestKeys.RSA_2048.getPrivate();
            case EC -> ecPair(algorithm).getPrivate();
            case ED25519 -> TestKeys.ED25519.getPrivate();
            case SECRET -> new SecretKeySpec(TestKeys.SECRET_64, "HmacSHA256");
        };
    }

    private static Key verificationKey(JwsAlgorithm algorithm) {
        return switch (algorithm.keyFamily()) {
            case RSA -> TestKeys.RSA_2048.getPublic();
            case EC -> ecPair(algorithm).getPublic();
            case ED25519 -> TestKeys.ED25519.getPublic();
            case SECRET -> new SecretKeySpec(TestKeys.SECRET_64, "HmacSHA256");
        };
    }

    private static java.security.KeyPair ecPair(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> TestKeys.EC_P256;
            case ES384 -> TestKeys.EC_P384;
            default -> TestKeys.EC_P521;
        };
    }

    /**
     * Engines are kept per thread with the key they were last initialised with: alternating keys,
     * and a failed check followed by a valid one, must each give the right answer.
     */
    @Test
    void verifyWhenKeysAlternateAndChecksFailThenEachAnswerIsRight() throws Exception {
        Key rsa = TestKeys.RSA_2048.getPublic();
        Key otherRsa = TestKeys.RSA_2048_OTHER.getPublic();
        byte[] byRsa = TokenFactory.signature("RS256", TestKeys.RSA_2048.getPrivate(), INPUT);
        byte[] byOtherRsa = TokenFactory.signature("RS256", TestKeys.RSA_2048_OTHER.getPrivate(), INPUT);
        Key secret = new SecretKeySpec(TestKeys.SECRET_32, "HmacSHA256");
        Key otherSecret = new SecretKeySpec(TestKeys.SECRET_64, "HmacSHA256");
        byte[] bySecret = TokenFactory.signature("HS256", secret, INPUT);
        byte[] byOtherSecret = TokenFactory.signature("HS256", otherSecret, INPUT);
        byte[] truncated = Arrays.copyOf(byRsa, byRsa.length - 1);
        for (int round = 0; round < 3; round++) {
            assertThat(JwsAlgorithm.RS256.verify(rsa, INPUT_BYTES, INPUT_BYTES.length, byRsa)).isTrue();
            assertThat(JwsAlgorithm.RS256.verify(rsa, INPUT_BYTES, INPUT_BYTES.length, byOtherRsa)).isFalse();
            assertThat(JwsAlgorithm.RS256.verify(otherRsa, INPUT_BYTES, INPUT_BYTES.length, byOtherRsa)).isTrue();
            assertThat(JwsAlgorithm.RS256.verify(otherRsa, INPUT_BYTES, INPUT_BYTES.length, byRsa)).isFalse();
            assertThat(JwsAlgorithm.RS256.verify(rsa, INPUT_BYTES, INPUT_BYTES.length, truncated)).isFalse();
            assertThat(JwsAlgorithm.RS256.verify(rsa, INPUT_BYTES, INPUT_BYTES.length - 1, byRsa)).isFalse();
            assertThat(JwsAlgorithm.RS256.verify(rsa, INPUT_BYTES, INPUT_BYTES.length, byRsa)).isTrue();

            assertThat(JwsAlgorithm.HS256.verify(secret, INPUT_BYTES, INPUT_BYTES.length, bySecret)).isTrue();
            assertThat(JwsAlgorithm.HS256.verify(secret, INPUT_BYTES, INPUT_BYTES.length, byOtherSecret)).isFalse();
            assertThat(JwsAlgorithm.HS256.verify(otherSecret, INPUT_BYTES, INPUT_BYTES.length, byOtherSecret)).isTrue();
            assertThat(JwsAlgorithm.HS256.verify(otherSecret, INPUT_BYTES, INPUT_BYTES.length, bySecret)).isFalse();
            assertThat(JwsAlgorithm.HS256.verify(secret, INPUT_BYTES, INPUT_BYTES.length - 1, bySecret)).isFalse();
            assertThat(JwsAlgorithm.HS256.verify(secret, INPUT_BYTES, INPUT_BYTES.length, bySecret)).isTrue();
        }
    }
}

package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.security.Key;
import java.security.KeyPair;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every supported JWS algorithm end to end, and the binding of each key type to its algorithms. */
class AlgorithmsTest {
    private static final long IAT = TestConfigs.NOW.getEpochSecond() - 10;

    static Stream<Arguments> supported() {
        return Stream.of(
                Arguments.of(JwsAlgorithm.RS256, rsaKey(), TestKeys.RSA_2048.getPrivate()),
                Arguments.of(JwsAlgorithm.RS384, rsaKey(), TestKeys.RSA_2048.getPrivate()),
                Arguments.of(JwsAlgorithm.RS512, rsaKey(), TestKeys.RSA_2048.getPrivate()),
                Arguments.of(JwsAlgorithm.PS256, rsaKey(), TestKeys.RSA_2048.getPrivate()),
                Arguments.of(JwsAlgorithm.PS384, rsaKey(), TestKeys.RSA_2048.getPrivate()),
                Arguments.of(JwsAlgorithm.PS512, rsaKey(), TestKeys.RSA_2048.getPrivate()),
                Arguments.of(JwsAlgorithm.ES256, publicKey(TestKeys.EC_P256), TestKeys.EC_P256.getPrivate()),
                Arguments.of(JwsAlgorithm.ES384, publicKey(TestKeys.EC_P384), TestKeys.EC_P384.getPrivate()),
                Arguments.of(JwsAlgorithm.ES512, publicKey(TestKeys.EC_P521), TestKeys.EC_P521.getPrivate()),
                Arguments.of(JwsAlgorithm.EdDSA, publicKey(TestKeys.ED25519), TestKeys.ED25519.getPrivate()),
                Arguments.of(JwsAlgorithm.HS256, secret64(), hmac(TestKeys.SECRET_64)),
                Arguments.of(JwsAlgorithm.HS384, secret64(), hmac(TestKeys.SECRET_64)),
                Arguments.of(JwsAlgorithm.HS512, secret64(), hmac(TestKeys.SECRET_64)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void verifyWhenAlgorithmAllowedAndKeyFitsThenAccepted(JwsAlgorithm alg, VerificationKey key, Key signingKey) {
        TokenVerifier verifier = verifier(key, EnumSet.of(alg));

        VerifiedToken token = verifier.verify(token(alg, signingKey));

        assertThat(token.getName()).isEqualTo("jdoe@example.com");
        assertThat(token.getGroups()).containsExactlyInAnyOrder("user", "admin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void verifyWhenAlgorithmNotAllowedThenAlgorithmNotAllowed(JwsAlgorithm alg, VerificationKey key, Key signingKey) {
        EnumSet<JwsAlgorithm> others = EnumSet.complementOf(EnumSet.of(alg));
        // a second key that fits the other algorithms: a key fitting no allowed algorithm is a configuration error
        VerificationKey fitting = alg.keyFamily() == io.jwtguard.core.jose.KeyFamily.RSA
                ? VerificationKey.ofPublicKey("other", TestKeys.EC_P256.getPublic())
                : VerificationKey.ofPublicKey("other", TestKeys.RSA_2048_OTHER.getPublic());
        TokenVerifier verifier = TokenVerifier.create(base().verificationKeys(key, fitting).allowedAlgorithms(others)
                .build());

        assertRejected(verifier, token(alg, signingKey), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void verifyWhenSignatureFlippedThenInvalidSignature(JwsAlgorithm alg, VerificationKey key, Key signingKey) {
        String token = token(alg, signingKey);
        int at = token.lastIndexOf('.') + 3;
        String flipped = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        assertRejected(verifier(key, EnumSet.of(alg)), flipped, RejectionReason.INVALID_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512"})
    void verifyWhenRsaKeyAndNonRsaAlgorithmThenNoMatchingKey(JwsAlgorithm alg) {
        TokenVerifier verifier = verifier(rsaKey(), EnumSet.allOf(JwsAlgorithm.class));
        Key signingKey = switch (alg.keyFamily()) {
            case EC -> TestKeys.EC_P256.getPrivate();
            case ED25519 -> TestKeys.ED25519.getPrivate();
            // key confusion: HMAC keyed with the RSA public key's bytes
            default -> hmac(TestKeys.RSA_2048.getPublic().getEncoded());
        };

        assertRejected(verifier, token(alg, signingKey), RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenP256KeyAndEs384OrEs512ThenNoMatchingKey() {
        TokenVerifier verifier = verifier(publicKey(TestKeys.EC_P256), EnumSet.allOf(JwsAlgorithm.class));

        assertThat(verifier.verify(token(JwsAlgorithm.ES256, TestKeys.EC_P256.getPrivate())).getName())
                .isEqualTo("jdoe@example.com");
        assertRejected(verifier, token(JwsAlgorithm.ES384, TestKeys.EC_P384.getPrivate()),
                RejectionReason.NO_MATCHING_KEY);
        assertRejected(verifier, token(JwsAlgorithm.ES512, TestKeys.EC_P521.getPrivate()),
                RejectionReason.NO_MATCHING_KEY);
        assertRejected(verifier, token(JwsAlgorithm.RS256, TestKeys.RSA_2048.getPrivate()),
                RejectionReason.NO_MATCHING_KEY);
        assertRejected(verifier, token(JwsAlgorithm.HS256, hmac(TestKeys.EC_P256.getPublic().getEncoded())),
                RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenP256KeyAndEs256SignedOnP384ThenInvalidSignature() {
        TokenVerifier verifier = verifier(publicKey(TestKeys.EC_P256), EnumSet.of(JwsAlgorithm.ES256));
        String header = TokenFactory.header("ES256");
        String claims = TokenFactory.claims(IAT);
        String input = TokenFactory.b64(header) + "." + TokenFactory.b64(claims);
        String token = input + "." + io.jwtguard.core.jose.Base64Url.encode(
                TokenFactory.signature("ES384", TestKeys.EC_P384.getPrivate(), input));

        assertRejected(verifier, token, RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenEd25519KeyAndOtherAlgorithmThenNoMatchingKey() {
        TokenVerifier verifier = verifier(publicKey(TestKeys.ED25519), EnumSet.allOf(JwsAlgorithm.class));

        assertRejected(verifier, token(JwsAlgorithm.ES256, TestKeys.EC_P256.getPrivate()),
                RejectionReason.NO_MATCHING_KEY);
        assertRejected(verifier, token(JwsAlgorithm.HS256, hmac(TestKeys.ED25519.getPublic().getEncoded())),
                RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenSecret32AndHs256ThenAccepted() {
        TokenVerifier verifier = verifier(secret32(), EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384,
                JwsAlgorithm.HS512));

        assertThat(verifier.verify(token(JwsAlgorithm.HS256, hmac(TestKeys.SECRET_32))).getName())
                .isEqualTo("jdoe@example.com");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JwsAlgorithm.class, names = {"HS384", "HS512"})
    void verifyWhenSecret32AndLongerHashThenNoMatchingKey(JwsAlgorithm alg) {
        TokenVerifier verifier = verifier(secret32(), EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384,
                JwsAlgorithm.HS512));

        assertRejected(verifier, token(alg, hmac(TestKeys.SECRET_32)), RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenSecret64ThenAllHmacAlgorithmsAccepted() {
        TokenVerifier verifier = verifier(secret64(), EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384,
                JwsAlgorithm.HS512));

        for (JwsAlgorithm alg : EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512)) {
            assertThat(verifier.verify(token(alg, hmac(TestKeys.SECRET_64))).getName()).isEqualTo("jdoe@example.com");
        }
    }

    @Test
    void verifyWhenHmacSignedWithOtherSecretThenInvalidSignature() {
        TokenVerifier verifier = verifier(secret64(), EnumSet.of(JwsAlgorithm.HS256));

        assertRejected(verifier, token(JwsAlgorithm.HS256, hmac(TestKeys.SECRET_32)),
                RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenAlgorithmAllowedButNoFittingKeyThenNoMatchingKey() {
        TokenVerifier verifier = verifier(rsaKey(), EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.EdDSA,
                JwsAlgorithm.ES256));

        assertRejected(verifier, token(JwsAlgorithm.EdDSA, TestKeys.ED25519.getPrivate()),
                RejectionReason.NO_MATCHING_KEY);
        assertRejected(verifier, token(JwsAlgorithm.ES256, TestKeys.EC_P256.getPrivate()),
                RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenKidSelectsKeyOfOtherTypeThenNoMatchingKey() {
        // kid "ec" names the EC key, but an RS256 token can only be checked by an RSA key.
        VerifierConfig config = base()
                .verificationKeys(VerificationKey.ofPublicKey("rsa", TestKeys.RSA_2048.getPublic()),
                        VerificationKey.ofPublicKey("ec", TestKeys.EC_P256.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256))
                .build();
        String token = TokenFactory.sign("{\"alg\":\"RS256\",\"kid\":\"ec\"}", TokenFactory.claims(IAT), "RS256",
                TestKeys.RSA_2048.getPrivate());

        assertRejected(TokenVerifier.create(config), token, RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenSeveralKeysThenEachAlgorithmFindsItsOwn() {
        VerifierConfig config = base()
                .verificationKeys(rsaKey(), publicKey(TestKeys.EC_P256), publicKey(TestKeys.ED25519), secret64())
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.PS256, JwsAlgorithm.ES256, JwsAlgorithm.EdDSA,
                        JwsAlgorithm.HS512))
                .build();
        TokenVerifier verifier = TokenVerifier.create(config);

        assertThat(verifier.verify(token(JwsAlgorithm.PS256, TestKeys.RSA_2048.getPrivate()))).isNotNull();
        assertThat(verifier.verify(token(JwsAlgorithm.ES256, TestKeys.EC_P256.getPrivate()))).isNotNull();
        assertThat(verifier.verify(token(JwsAlgorithm.EdDSA, TestKeys.ED25519.getPrivate()))).isNotNull();
        assertThat(verifier.verify(token(JwsAlgorithm.HS512, hmac(TestKeys.SECRET_64)))).isNotNull();
    }

    @Test
    void ofPublicKeyWhenKeyTypeSupportedThenBoundToItsAlgorithmsOnly() {
        assertThat(rsaKey().algorithms()).containsExactlyInAnyOrder(JwsAlgorithm.RS256, JwsAlgorithm.RS384,
                JwsAlgorithm.RS512, JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512);
        assertThat(publicKey(TestKeys.EC_P256).algorithms()).containsExactly(JwsAlgorithm.ES256);
        assertThat(publicKey(TestKeys.EC_P384).algorithms()).containsExactly(JwsAlgorithm.ES384);
        assertThat(publicKey(TestKeys.EC_P521).algorithms()).containsExactly(JwsAlgorithm.ES512);
        assertThat(publicKey(TestKeys.ED25519).algorithms()).containsExactly(JwsAlgorithm.EdDSA);
    }

    @Test
    void ofSecretWhenLengthVariesThenOnlyHashesNoLongerThanSecret() {
        assertThat(secret32().algorithms()).containsExactly(JwsAlgorithm.HS256);
        assertThat(VerificationKey.ofSecret(null, java.util.Arrays.copyOf(TestKeys.SECRET_64, 48), false).algorithms())
                .containsExactlyInAnyOrder(JwsAlgorithm.HS256, JwsAlgorithm.HS384);
        assertThat(secret64().algorithms()).containsExactlyInAnyOrder(JwsAlgorithm.HS256, JwsAlgorithm.HS384,
                JwsAlgorithm.HS512);
        assertThat(VerificationKey.ofSecret(null, new byte[16], true).algorithms()).containsExactlyInAnyOrder(
                JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512);
    }

    @Test
    void ofSecretWhenShorterThan32BytesThenIllegalArgument() {
        assertThatThrownBy(() -> VerificationKey.ofSecret(null, new byte[31], false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerificationKey.ofSecret(null, new byte[0], true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofPublicKeyWhenDsaThenIllegalArgument() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);

        assertThatThrownBy(() -> VerificationKey.ofPublicKey(null, generator.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofPublicKeyWhenEd448OrX25519ThenIllegalArgument() throws Exception {
        KeyPair ed448 = java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        KeyPair x25519 = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();

        assertThatThrownBy(() -> VerificationKey.ofPublicKey(null, ed448.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerificationKey.ofPublicKey(null, x25519.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofPublicKeyWhenSecp256k1ThenIllegalArgument() throws Exception {
        // JDK 17 no longer generates secp256k1 keys, but it still represents them (jose4j builds one from a JWK).
        java.security.PublicKey secp256k1 = secp256k1PublicKey();

        assertThatThrownBy(() -> VerificationKey.ofPublicKey(null, secp256k1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The secp256k1 generator point as a public key (a valid point on that curve). */
    static java.security.PublicKey secp256k1PublicKey() throws Exception {
        return ((org.jose4j.jwk.PublicJsonWebKey) org.jose4j.jwk.JsonWebKey.Factory.newJwk(SECP256K1_JWK))
                .getPublicKey();
    }

    static final String SECP256K1_JWK = "{\"kty\":\"EC\",\"crv\":\"secp256k1\","
            + "\"x\":\"eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g\","
            + "\"y\":\"SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg\"}";

    @org.junit.jupiter.api.Test
    void buildWhenNoKeyFitsAnyAllowedAlgorithmThenConfigurationError() {
        assertThatThrownBy(() -> base().verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.EC_P256.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256)).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("allowedAlgorithms(Set)"));
    }

    private static TokenVerifier verifier(VerificationKey key, Set<JwsAlgorithm> allowed) {
        return TokenVerifier.create(base().verificationKeys(key).allowedAlgorithms(allowed).build());
    }

    private static VerifierConfigBuilder base() {
        return VerifierConfig.builder()
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK);
    }

    private static String token(JwsAlgorithm alg, Key signingKey) {
        return TokenFactory.sign(TokenFactory.header(alg.joseName()), TokenFactory.claims(IAT), alg.joseName(),
                signingKey);
    }

    private static VerificationKey rsaKey() {
        return publicKey(TestKeys.RSA_2048);
    }

    private static VerificationKey publicKey(KeyPair pair) {
        return VerificationKey.ofPublicKey(null, pair.getPublic());
    }

    private static VerificationKey secret32() {
        return VerificationKey.ofSecret(null, TestKeys.SECRET_32, false);
    }

    private static VerificationKey secret64() {
        return VerificationKey.ofSecret(null, TestKeys.SECRET_64, false);
    }

    private static Key hmac(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

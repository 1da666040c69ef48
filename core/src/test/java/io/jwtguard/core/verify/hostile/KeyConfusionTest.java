package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8725 section 2.1 / 3.1 "key confusion": an HS256 token whose HMAC secret is some encoding
 * of the verifier's public key. Keys are bound to their family, so a public key never serves as
 * an HMAC secret, even with HS256 in the allow-list.
 */
class KeyConfusionTest {
    private static final Set<JwsAlgorithm> MIXED = EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256, JwsAlgorithm.HS256);

    private static VerifierConfigBuilder publicKeysOnly() {
        return TestConfigs.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()),
                        VerificationKey.ofPublicKey(null, TestKeys.EC_P256.getPublic()))
                .allowedAlgorithms(MIXED)
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK);
    }

    /** Every byte string an attacker could derive from a published public key and use as the secret. */
    static Stream<Arguments> publicKeyEncodings() {
        PublicKey rsa = TestKeys.RSA_2048.getPublic();
        PublicKey ec = TestKeys.EC_P256.getPublic();
        byte[] modulus = ((RSAPublicKey) rsa).getModulus().toByteArray();
        return Stream.of(
                Arguments.of("RSA SPKI DER", rsa.getEncoded()),
                Arguments.of("RSA PEM", pem(rsa).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("RSA PEM with newline", (pem(rsa) + "\n").getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("RSA modulus", modulus),
                Arguments.of("EC SPKI DER", ec.getEncoded()),
                Arguments.of("EC PEM", pem(ec).getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicKeyEncodings")
    void verifyWhenHs256SignedWithPublicKeyBytesThenNoMatchingKey(String encoding, byte[] secret) {
        TokenVerifier verifier = TokenVerifier.create(publicKeysOnly().build());
        String token = HostileTokens.sign(TokenFactory.header("HS256"), HostileTokens.claims(), "HS256",
                new SecretKeySpec(secret, "HmacSHA256"));

        assertRejected(verifier, token, RejectionReason.NO_MATCHING_KEY);
    }

    /** With a real secret configured too, the forged MAC is tried against that secret only, and fails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("publicKeyEncodings")
    void verifyWhenHs256SignedWithPublicKeyBytesAndSecretConfiguredThenInvalidSignature(String encoding, byte[] secret) {
        TokenVerifier verifier = TokenVerifier.create(publicKeysOnly()
                .verificationKeys(VerificationKey.ofSecret(null, TestKeys.SECRET_32, false)).build());
        String token = HostileTokens.sign(TokenFactory.header("HS256"), HostileTokens.claims(), "HS256",
                new SecretKeySpec(secret, "HmacSHA256"));

        assertRejected(verifier, token, RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenLegitimateRs256AndEs256ThenAccepted() {
        TokenVerifier verifier = TokenVerifier.create(publicKeysOnly().build());

        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
        assertAccepted(verifier, HostileTokens.sign(TokenFactory.header("ES256"), HostileTokens.claims(), "ES256",
                TestKeys.EC_P256.getPrivate()));
    }

    @Test
    void verifyWhenLegitimateHs256WithConfiguredSecretThenAccepted() {
        TokenVerifier verifier = TokenVerifier.create(publicKeysOnly()
                .verificationKeys(VerificationKey.ofSecret(null, TestKeys.SECRET_32, false)).build());
        String token = HostileTokens.sign(TokenFactory.header("HS256"), HostileTokens.claims(), "HS256",
                new SecretKeySpec(TestKeys.SECRET_32, "HmacSHA256"));

        assertAccepted(verifier, token);
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }
}

package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.keys.DecryptionKey;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.testing.JweFactory;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Encrypted tokens (RFC 7516) that the configuration accepts, and the configuration rules around them. */
class JweTest {
    private static final long NOW = TestConfigs.NOW.getEpochSecond();
    private static final KeyPair STRANGER = rsaKeyPair();

    private final TokenVerifier verifier = TokenVerifier.create(JweFactory.decrypting(TestConfigs.rsa()).build());

    @Test
    void verifyWhenNestedRsaOaep256ThenReturnsInnerPrincipal() {
        String jwe = JweFactory.nested(JWEAlgorithm.RSA_OAEP_256, TestConfigs.validRs256());

        VerifiedToken token = verifier.verify(jwe);

        assertThat(token.getName()).isEqualTo("jdoe@example.com");
        assertThat(token.getGroups()).containsExactlyInAnyOrder("user", "admin");
        assertThat(token.getIssuer()).isEqualTo(TokenFactory.ISSUER);
        assertThat(token.getRawToken()).isEqualTo(jwe);
    }

    @Test
    void verifyWhenNestedRsaOaepThenAccepted() {
        VerifiedToken token = verifier.verify(JweFactory.nested(JWEAlgorithm.RSA_OAEP, TestConfigs.validRs256()));

        assertThat(token.getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenNestedWithoutCtyThenRefusedEvenThoughThePlaintextIsAValidJws() {
        // RFC 7519 section 5.2: a nested JWT must declare cty JWT; we never guess (MP-JWT TCK callEchoWithoutCty)
        String jwe = JweFactory.encrypt(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                TestConfigs.validRs256(), JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertRejected(verifier, jwe, RejectionReason.NESTED_TOKEN_REQUIRED);
    }

    @Test
    void verifyWhenNestedWithCtyAndInnerSignedByOtherKeyThenInvalidSignature() {
        String inner = TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(NOW - 10), "RS256",
                STRANGER.getPrivate());
        String jwe = JweFactory.encrypt(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("JWT").build(), inner, JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertRejected(verifier, jwe, RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenBuiltBySmallryeInnerSignAndEncryptThenAccepted() {
        String jwe = Jwt.claims()
                .issuer(TokenFactory.ISSUER)
                .upn("jdoe@example.com")
                .audience(TokenFactory.AUDIENCE)
                .groups(Set.of("user", "admin"))
                .issuedAt(NOW - 10)
                .expiresAt(NOW + 290)
                .innerSign(TestKeys.RSA_2048.getPrivate())
                .encrypt(JweFactory.ENCRYPTION_KEY.getPublic());

        VerifiedToken token = verifier.verify(jwe);

        assertThat(token.getName()).isEqualTo("jdoe@example.com");
        assertThat(token.getGroups()).containsExactlyInAnyOrder("user", "admin");
        assertThat(token.getIssuer()).isEqualTo(TokenFactory.ISSUER);
    }

    @Test
    void verifyWhenPlainJwsAndDecryptionConfiguredThenEncryptionRequired() {
        assertRejected(verifier, TestConfigs.validRs256(), RejectionReason.ENCRYPTION_REQUIRED);
    }

    @Test
    void verifyWhenJweAndNoDecryptionConfiguredThenEncryptionNotAccepted() {
        TokenVerifier plain = TokenVerifier.create(TestConfigs.rsa().build());

        assertRejected(plain, JweFactory.nested(TestConfigs.validRs256()), RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenKeyManagementAlgorithmNotConfiguredThenEncryptionNotAccepted() {
        TokenVerifier oaep256Only = TokenVerifier.create(JweFactory.decrypting(TestConfigs.rsa())
                .keyManagementAlgorithms(EnumSet.of(KeyManagementAlgorithm.RSA_OAEP_256)).build());

        assertThat(oaep256Only.verify(JweFactory.nested(JWEAlgorithm.RSA_OAEP_256, TestConfigs.validRs256()))
                .getName()).isEqualTo("jdoe@example.com");
        assertRejected(oaep256Only, JweFactory.nested(JWEAlgorithm.RSA_OAEP, TestConfigs.validRs256()),
                RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenJweKidMatchesDecryptionKeyThenAccepted() {
        TokenVerifier withKid = verifierWithDecryptionKeys(
                new DecryptionKey("enc-1", JweFactory.ENCRYPTION_KEY.getPrivate()));
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID("enc-1").build(), TestConfigs.validRs256(), JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertThat(withKid.verify(jwe).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenJweKidUnknownThenNoMatchingKey() {
        TokenVerifier withKid = verifierWithDecryptionKeys(
                new DecryptionKey("enc-1", JweFactory.ENCRYPTION_KEY.getPrivate()));
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID("enc-2").build(), TestConfigs.validRs256(), JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertRejected(withKid, jwe, RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenSecondDecryptionKeyFitsThenAccepted() {
        TokenVerifier twoKeys = verifierWithDecryptionKeys(new DecryptionKey(null, STRANGER.getPrivate()),
                new DecryptionKey(null, JweFactory.ENCRYPTION_KEY.getPrivate()));

        assertThat(twoKeys.verify(JweFactory.nested(TestConfigs.validRs256())).getName())
                .isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenMpCompatDecryptOnlyThenClaimsAccepted() {
        TokenVerifier decryptOnly = TokenVerifier.create(decryptOnlyMpCompat().build());
        String jwe = JweFactory.encrypt(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                TokenFactory.claims(NOW - 10), JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        VerifiedToken token = decryptOnly.verify(jwe);

        assertThat(token.getName()).isEqualTo("jdoe@example.com");
        assertThat(token.getGroups()).containsExactlyInAnyOrder("user", "admin");
        assertThat(token.getIssuer()).isEqualTo(TokenFactory.ISSUER);
    }

    @Test
    void verifyWhenMpCompatDecryptOnlyBuiltBySmallryeThenAccepted() {
        TokenVerifier decryptOnly = TokenVerifier.create(decryptOnlyMpCompat().build());
        String jwe = Jwt.claims()
                .issuer(TokenFactory.ISSUER)
                .upn("jdoe@example.com")
                .audience(TokenFactory.AUDIENCE)
                .issuedAt(NOW - 10)
                .expiresAt(NOW + 290)
                .jwe()
                .encrypt(JweFactory.ENCRYPTION_KEY.getPublic());

        assertThat(decryptOnly.verify(jwe).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenMpCompatDecryptOnlyAndClaimsExpiredThenExpired() {
        TokenVerifier decryptOnly = TokenVerifier.create(decryptOnlyMpCompat().build());
        String jwe = JweFactory.encrypt(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                TokenFactory.claims(NOW - 1000), JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertRejected(decryptOnly, jwe, RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenMpCompatDecryptOnlyAndIssuerWrongThenIssuerMismatch() {
        TokenVerifier decryptOnly = TokenVerifier.create(decryptOnlyMpCompat().build());
        String claims = TokenFactory.claims(NOW - 10).replace(TokenFactory.ISSUER, "https://evil.example");
        String jwe = JweFactory.encrypt(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), claims,
                JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertRejected(decryptOnly, jwe, RejectionReason.ISSUER_MISMATCH);
    }

    @Test
    void verifyWhenMpCompatDecryptOnlyAndNestedTokenThenAlgorithmNotAllowed() {
        // Without a verification key no JWS algorithm is allowed, so the inner token cannot be accepted.
        TokenVerifier decryptOnly = TokenVerifier.create(decryptOnlyMpCompat().build());

        assertRejected(decryptOnly, JweFactory.nested(TestConfigs.validRs256()),
                RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenMpCompatWithVerificationKeyAndDecryptOnlyThenNestedTokenRequired() {
        TokenVerifier mpCompat = TokenVerifier.create(JweFactory.decrypting(TestConfigs.rsa())
                .profile(Profile.MP_COMPAT).build());
        String jwe = JweFactory.encrypt(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                TokenFactory.claims(NOW - 10), JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic()));

        assertRejected(mpCompat, jwe, RejectionReason.NESTED_TOKEN_REQUIRED);
    }

    @Test
    void buildWhenHardenedWithOnlyDecryptionKeysThenConfigurationException() {
        VerifierConfigBuilder hardened = decryptOnlyMpCompat().profile(Profile.HARDENED);

        assertThatThrownBy(hardened::build).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void buildWhenDecryptOnlyAcknowledgedThenConfigurationException() {
        VerifierConfigBuilder acknowledged = decryptOnlyMpCompat().profile(Profile.HARDENED)
                .acknowledge(Set.of(FindingCode.DECRYPT_ONLY));

        assertThatThrownBy(acknowledged::build).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void decryptOnlyAcceptedWhenVerificationKeysConfiguredThenFalse() {
        assertThat(verifier.config().decryptOnlyAccepted()).isFalse();
        assertThat(decryptOnlyMpCompat().build().decryptOnlyAccepted()).isTrue();
    }

    private static VerifierConfigBuilder decryptOnlyMpCompat() {
        return VerifierConfig.builder()
                .profile(Profile.MP_COMPAT)
                .decryptionKeys(JweFactory.decryptionKeys())
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK);
    }

    private static TokenVerifier verifierWithDecryptionKeys(DecryptionKey... keys) {
        return TokenVerifier.create(TestConfigs.rsa().decryptionKeys(DecryptionKeySource.of(List.of(keys))).build());
    }

    static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

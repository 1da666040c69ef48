package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.PasswordBasedEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.keys.KeyLocation;
import io.jwtguard.core.testing.JweFactory;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hostile encrypted tokens: refused algorithms, compression, decrypt-only plaintext, nested
 * tokens that break the JWS policy, wrong keys, tampering and key-bearing headers.
 */
class JweAttackTest {
    private static final long NOW = TestConfigs.NOW.getEpochSecond();
    private static final KeyPair STRANGER = generate("RSA", 2048);

    private final TokenVerifier verifier = TokenVerifier.create(JweFactory.decrypting(TestConfigs.rsa()).build());

    /**
     * Decryption keys that can never be loaded: a token refused with a token reason (not
     * VerificationUnavailableException) was refused before any key work.
     */
    private final TokenVerifier noKeyWork = TokenVerifier.create(TestConfigs.rsa()
            .decryptionKeys(DecryptionKeySource.fromLocation(KeyLocation.of("classpath:keys/absent.jwk"),
                    TestConfigs.CLOCK, Duration.ofMinutes(1)))
            .build());

    // --- compression -------------------------------------------------------------------------

    @Test
    void verifyWhenZipDeflateThenEncryptionNotAccepted() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .compressionAlgorithm(CompressionAlgorithm.DEF).build(), TestConfigs.validRs256(), rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(noKeyWork, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    // --- key management algorithms -----------------------------------------------------------

    @Test
    void verifyWhenPbes2Hs256A128kwThenEncryptionNotAccepted() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.PBES2_HS256_A128KW,
                EncryptionMethod.A256GCM).build(), TestConfigs.validRs256(),
                new PasswordBasedEncrypter("correct horse battery staple", 16, 1000));

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(noKeyWork, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenPbes2WithHugeIterationCountThenEncryptionNotAcceptedWithoutKeyWork() {
        // p2c of 2^31-1 would burn CPU for minutes if anything tried to derive the key.
        String jwe = JweFactory.handBuilt("{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\","
                + "\"p2s\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"p2c\":2147483647}");

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(noKeyWork, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenRsa15ThenEncryptionNotAccepted() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM)
                .build(), TestConfigs.validRs256(), rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(noKeyWork, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenDirWithNonEmptyKeySegmentThenEncryptionNotAccepted() {
        String jwe = JweFactory.handBuilt("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}");

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(noKeyWork, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenDirectEncryptionThenEncryptionNotAccepted() throws Exception {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build(),
                TestConfigs.validRs256(), new DirectEncrypter(new byte[32]));

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenDirectEncryptionThenRejectedBeforeKeyWork() throws Exception {
        // Pins today's behaviour for the real 'dir' token: refused, without touching keys.
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build(),
                TestConfigs.validRs256(), new DirectEncrypter(new byte[32]));

        assertThatThrownBy(() -> noKeyWork.verify(jwe)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void verifyWhenEcdhEsThenEncryptionNotAccepted() throws Exception {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                .build(), TestConfigs.validRs256(), new ECDHEncrypter((ECPublicKey) TestKeys.EC_P256.getPublic()));

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenEcdhEsA256kwThenEncryptionNotAccepted() throws Exception {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                .build(), TestConfigs.validRs256(), new ECDHEncrypter((ECPublicKey) TestKeys.EC_P256.getPublic()));

        assertRejected(verifier, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(noKeyWork, jwe, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenAlgorithmMissingOrNotStringThenEncryptionNotAccepted() {
        assertRejected(verifier, JweFactory.handBuilt("{\"enc\":\"A256GCM\",\"cty\":\"JWT\"}"),
                RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":[\"RSA-OAEP-256\"],\"enc\":\"A256GCM\"}"),
                RejectionReason.ENCRYPTION_NOT_ACCEPTED);
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":\"rsa-oaep-256\",\"enc\":\"A256GCM\"}"),
                RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenAlgorithmNoneThenAlgorithmNone() {
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":\"none\",\"enc\":\"A256GCM\"}"),
                RejectionReason.ALGORITHM_NONE);
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":\"NoNe\",\"enc\":\"A256GCM\"}"),
                RejectionReason.ALGORITHM_NONE);
    }

    // --- content encryption ------------------------------------------------------------------

    @Test
    void verifyWhenEncA128gcmThenEncryptionNotAccepted() {
        assertRejected(verifier, nestedWith(EncryptionMethod.A128GCM), RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenEncA128cbcHs256ThenEncryptionNotAccepted() {
        assertRejected(verifier, nestedWith(EncryptionMethod.A128CBC_HS256), RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenEncA256cbcHs512ThenEncryptionNotAccepted() {
        assertRejected(verifier, nestedWith(EncryptionMethod.A256CBC_HS512), RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenEncMissingThenEncryptionNotAccepted() {
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":\"RSA-OAEP-256\",\"cty\":\"JWT\"}"),
                RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    // --- decrypt-only plaintext --------------------------------------------------------------

    @Test
    void verifyWhenDecryptOnlyPlaintextInHardenedThenNestedTokenRequired() {
        String jwe = JweFactory.encrypt(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                TokenFactory.claims(NOW - 10), rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.NESTED_TOKEN_REQUIRED);
    }

    @Test
    void verifyWhenDecryptOnlyPlaintextWithCtyJsonThenNestedTokenRequired() {
        String jwe = JweFactory.encrypt(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("json").build(), TokenFactory.claims(NOW - 10), rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.NESTED_TOKEN_REQUIRED);
    }

    @Test
    void verifyWhenCtyJwtButPlaintextIsClaimsThenMalformedToken() {
        String claims = "{\"iss\":\"issuer\",\"upn\":\"jdoe\",\"iat\":" + (NOW - 10) + ",\"exp\":" + (NOW + 290) + "}";
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .build(), claims, rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenPlaintextIsAnotherJweThenMalformedToken() {
        String inner = JweFactory.nested(TestConfigs.validRs256());
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .build(), inner, rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.MALFORMED_TOKEN);
    }

    // --- nested token that breaks the JWS policy ---------------------------------------------

    @Test
    void verifyWhenInnerAlgorithmNoneThenAlgorithmNone() {
        String inner = TokenFactory.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + TokenFactory.b64(TokenFactory.claims(NOW - 10)) + "." + TokenFactory.b64("sig");

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.ALGORITHM_NONE);
    }

    @Test
    void verifyWhenInnerUnsecuredWithEmptySignatureThenMalformedToken() {
        String inner = TokenFactory.b64("{\"alg\":\"none\"}") + "." + TokenFactory.b64(TokenFactory.claims(NOW - 10))
                + ".";

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenInnerSignedByWrongKeyThenInvalidSignature() {
        String inner = TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(NOW - 10), "RS256",
                STRANGER.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenInnerSignedWithDecryptionKeyThenInvalidSignature() {
        // The decryption key is not a verification key, even though the same party holds it.
        String inner = TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(NOW - 10), "RS256",
                JweFactory.ENCRYPTION_KEY.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenInnerExpiredThenExpired() {
        String inner = TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(NOW - 1000), "RS256",
                TestKeys.RSA_2048.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenInnerCarriesJwkThenKeyInHeader() {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"jwk\":"
                + new RSAKey.Builder((RSAPublicKey) STRANGER.getPublic()).build().toJSONString() + "}";
        String inner = TokenFactory.sign(header, TokenFactory.claims(NOW - 10), "RS256", STRANGER.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenInnerAlgorithmNotAllowedThenAlgorithmNotAllowed() {
        String inner = TokenFactory.sign(TokenFactory.header("RS384"), TokenFactory.claims(NOW - 10), "RS384",
                TestKeys.RSA_2048.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenInnerIsHmacSignedWithPublicKeyThenAlgorithmNotAllowed() {
        byte[] publicKeyBytes = TestKeys.RSA_2048.getPublic().getEncoded();
        String inner = TokenFactory.sign(TokenFactory.header("HS256"), TokenFactory.claims(NOW - 10), "HS256",
                new javax.crypto.spec.SecretKeySpec(publicKeyBytes, "HmacSHA256"));

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenInnerTypeIsDpopThenTypeNotAccepted() {
        String inner = TokenFactory.sign("{\"alg\":\"RS256\",\"typ\":\"dpop+jwt\"}", TokenFactory.claims(NOW - 10),
                "RS256", TestKeys.RSA_2048.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.TYPE_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenInnerHasCritThenUnsupportedCriticalHeader() {
        String inner = TokenFactory.sign("{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}",
                TokenFactory.claims(NOW - 10), "RS256", TestKeys.RSA_2048.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void verifyWhenInnerIssuerWrongThenIssuerMismatch() {
        String claims = TokenFactory.claims(NOW - 10).replace(TokenFactory.ISSUER, "https://evil.example");
        String inner = TokenFactory.sign(TokenFactory.header("RS256"), claims, "RS256", TestKeys.RSA_2048.getPrivate());

        assertRejected(verifier, JweFactory.nested(inner), RejectionReason.ISSUER_MISMATCH);
    }

    // --- wrong key, tampering ----------------------------------------------------------------

    @Test
    void verifyWhenEncryptedToAnotherKeyThenDecryptionFailed() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .build(), TestConfigs.validRs256(), JweFactory.rsa(STRANGER.getPublic()));

        assertRejected(verifier, jwe, RejectionReason.DECRYPTION_FAILED);
    }

    @Test
    void verifyWhenEncryptedKeyTamperedThenDecryptionFailed() {
        assertRejected(verifier, JweFactory.tamper(JweFactory.nested(TestConfigs.validRs256()), 1),
                RejectionReason.DECRYPTION_FAILED);
    }

    @Test
    void verifyWhenIvTamperedThenDecryptionFailed() {
        assertRejected(verifier, JweFactory.tamper(JweFactory.nested(TestConfigs.validRs256()), 2),
                RejectionReason.DECRYPTION_FAILED);
    }

    @Test
    void verifyWhenCiphertextTamperedThenDecryptionFailed() {
        assertRejected(verifier, JweFactory.tamper(JweFactory.nested(TestConfigs.validRs256()), 3),
                RejectionReason.DECRYPTION_FAILED);
    }

    @Test
    void verifyWhenTagTamperedThenDecryptionFailed() {
        assertRejected(verifier, JweFactory.tamper(JweFactory.nested(TestConfigs.validRs256()), 4),
                RejectionReason.DECRYPTION_FAILED);
    }

    @Test
    void verifyWhenProtectedHeaderChangedAfterEncryptionThenDecryptionFailed() {
        String jwe = JweFactory.nested(TestConfigs.validRs256());
        String changed = JweFactory.withHeader(jwe, "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\","
                + "\"kid\":\"added\"}");

        assertRejected(verifier, changed, RejectionReason.DECRYPTION_FAILED);
    }

    @Test
    void verifyWhenTagTruncatedThenDecryptionFailed() {
        String jwe = JweFactory.nested(TestConfigs.validRs256());
        String truncated = jwe.substring(0, jwe.lastIndexOf('.') + 1) + TokenFactory.b64("12345678");

        assertRejected(verifier, truncated, RejectionReason.DECRYPTION_FAILED);
    }

    // --- key-bearing and critical headers ----------------------------------------------------

    @Test
    void verifyWhenJweCarriesJwkThenKeyInHeader() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .jwk(new RSAKey.Builder((RSAPublicKey) JweFactory.ENCRYPTION_KEY.getPublic()).build()).build(),
                TestConfigs.validRs256(), rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenJweCarriesJkuThenKeyInHeader() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .jwkURL(URI.create("https://evil.example/jwks.json")).build(), TestConfigs.validRs256(), rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenJweCarriesX5uThenKeyInHeader() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .x509CertURL(URI.create("https://evil.example/cert.pem")).build(), TestConfigs.validRs256(),
                rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenJweCarriesX5cThenKeyInHeader() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .x509CertChain(List.of(Base64.encode(new byte[] {1, 2, 3}))).build(), TestConfigs.validRs256(),
                rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenHandBuiltJweCarriesJwkThenKeyInHeader() {
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\","
                + "\"jwk\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}"), RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenJweHasCritThenUnsupportedCriticalHeader() {
        String jwe = JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .criticalParams(Set.of("x-ext")).customParam("x-ext", "1").build(), TestConfigs.validRs256(),
                rsaEncrypter());

        assertRejected(verifier, jwe, RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    // --- framing -----------------------------------------------------------------------------

    @Test
    void verifyWhenJweHeaderRepeatsMemberThenDuplicateMember() {
        assertRejected(verifier, JweFactory.handBuilt("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\","
                + "\"alg\":\"PBES2-HS256+A128KW\"}"), RejectionReason.DUPLICATE_MEMBER);
    }

    @Test
    void verifyWhenJweSegmentEmptyThenMalformedToken() {
        String jwe = JweFactory.nested(TestConfigs.validRs256());

        assertRejected(verifier, jwe.substring(0, jwe.lastIndexOf('.') + 1), RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenJweSegmentPaddedThenMalformedEncoding() {
        String jwe = JweFactory.nested(TestConfigs.validRs256());

        assertRejected(verifier, jwe + "==", RejectionReason.MALFORMED_ENCODING);
    }

    @Test
    void verifyWhenJweOverSizeCapThenSizeExceeded() {
        TokenVerifier small = TokenVerifier.create(JweFactory.decrypting(TestConfigs.rsa()).maxTokenSize(256).build());

        assertRejected(small, JweFactory.nested(TestConfigs.validRs256()), RejectionReason.SIZE_EXCEEDED);
    }

    @Test
    void verifyWhenJweValidThenAcceptedByTheSameVerifier() {
        // Control: the verifier used above accepts a well-formed nested token.
        assertThat(verifier.verify(JweFactory.nested(TestConfigs.validRs256())).getName())
                .isEqualTo("jdoe@example.com");
    }

    private static String nestedWith(EncryptionMethod enc) {
        return JweFactory.encrypt(JweFactory.nestedHeader(JWEAlgorithm.RSA_OAEP_256, enc).build(),
                TestConfigs.validRs256(), rsaEncrypter());
    }

    private static com.nimbusds.jose.JWEEncrypter rsaEncrypter() {
        return JweFactory.rsa(JweFactory.ENCRYPTION_KEY.getPublic());
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

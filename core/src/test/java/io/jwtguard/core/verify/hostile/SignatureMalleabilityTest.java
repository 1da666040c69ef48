package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.EcdsaSignatures;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ECDSA signature malleability: if (r, s) is a valid signature, so is (r, n - s), so anyone can
 * derive a second spelling of an ES* token without the key. JOSE does not require low-S, and
 * issuers (every JCA-based one, Keycloak included) emit high-S half of the time, so both spellings
 * must verify; but everything keyed on a token's spelling (the verified-token cache, the
 * rejection digests) must treat the two as one token, and the twin lookup must never make any
 * other algorithm's signature malleable.
 */
class SignatureMalleabilityTest {
    private final Set<String> revokedIds = ConcurrentHashMap.newKeySet();

    /** A key source whose keys and version the test changes. */
    private static final class SwitchableKeySource implements KeySource {
        volatile List<VerificationKey> keys;
        final AtomicLong version = new AtomicLong();

        SwitchableKeySource(VerificationKey... keys) {
            this.keys = List.of(keys);
        }

        @Override
        public List<VerificationKey> keys() {
            return keys;
        }

        @Override
        public String describe() {
            return "switchable test keys";
        }

        @Override
        public long version() {
            return version.get();
        }
    }

    private static KeyPair ecKey(String alg) {
        switch (alg) {
            case "ES256": return TestKeys.EC_P256;
            case "ES384": return TestKeys.EC_P384;
            default: return TestKeys.EC_P521;
        }
    }

    private TokenVerifier verifier(KeySource keys, JwsAlgorithm algorithm) {
        return TokenVerifier.create(TestConfigs.builder()
                .keySource(keys)
                .allowedAlgorithms(EnumSet.of(algorithm))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .revocationCheck(token -> revokedIds.contains(token.getTokenID()))
                .build());
    }

    private TokenVerifier ecVerifier(String alg) {
        return verifier(new SwitchableKeySource(VerificationKey.ofPublicKey(null, ecKey(alg).getPublic())),
                JwsAlgorithm.valueOf(alg));
    }

    private static String token(String alg, KeyPair key) {
        return HostileTokens.sign(TokenFactory.header(alg), HostileTokens.claims(), alg, key.getPrivate());
    }

    /** The same token with S replaced by n - S: valid too, derived without the private key. */
    static String twin(String token, BigInteger order, int width) {
        int dot = token.lastIndexOf('.');
        byte[] rs = Base64Url.decode(token.substring(dot + 1));
        BigInteger s = new BigInteger(1, rs, width, width);
        byte[] twin = Signatures.p1363(new BigInteger(1, rs, 0, width), order.subtract(s), width);
        return token.substring(0, dot + 1) + Base64Url.encode(twin);
    }

    private static String twin(String token, String alg) {
        ECPublicKey key = (ECPublicKey) ecKey(alg).getPublic();
        return twin(token, key.getParams().getOrder(), JwsAlgorithm.valueOf(alg).sizeBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void verifyWhenHighSAndLowSTwinsThenBothAcceptedAsOneCachedToken(String alg) {
        TokenVerifier verifier = ecVerifier(alg);
        String token = token(alg, ecKey(alg));
        String twin = twin(token, alg);
        assertThat(twin).isNotEqualTo(token);

        VerifiedToken first = assertAccepted(verifier, token);
        VerifiedToken second = assertAccepted(verifier, twin);

        assertThat(verifier.cachedTokenCount()).as("one token, one cache entry").isEqualTo(1);
        assertThat(second.getRawToken()).as("the raw token is what was sent").isEqualTo(twin);
        assertThat(second.claims()).isSameAs(first.claims());
        assertThat(verifier.verify(token)).isSameAs(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void verifyWhenTwinVerifiedFirstThenOriginalHitsTheSameEntry(String alg) {
        TokenVerifier verifier = ecVerifier(alg);
        String token = token(alg, ecKey(alg));
        assertAccepted(verifier, twin(token, alg));
        assertAccepted(verifier, token);
        assertThat(verifier.cachedTokenCount()).isEqualTo(1);
    }

    @Test
    void verifyWhenTwinOfRevokedTokenThenRevoked() {
        TokenVerifier verifier = ecVerifier("ES256");
        String token = token("ES256", TestKeys.EC_P256);
        assertAccepted(verifier, token);
        revokedIds.add("id-1");

        assertRejected(verifier, token, RejectionReason.REVOKED);
        assertRejected(verifier, twin(token, "ES256"), RejectionReason.REVOKED);
    }

    @Test
    void verifyWhenKeysChangeThenTwinOfCachedTokenIsVerifiedAgainAndRefused() {
        SwitchableKeySource keys = new SwitchableKeySource(VerificationKey.ofPublicKey(null, TestKeys.EC_P256.getPublic()));
        TokenVerifier verifier = verifier(keys, JwsAlgorithm.ES256);
        String token = token("ES256", TestKeys.EC_P256);
        assertAccepted(verifier, token);

        KeyPair other = otherP256();
        keys.keys = List.of(VerificationKey.ofPublicKey(null, other.getPublic()));
        keys.version.incrementAndGet();

        assertRejected(verifier, twin(token, "ES256"), RejectionReason.INVALID_SIGNATURE);
        assertRejected(verifier, token, RejectionReason.INVALID_SIGNATURE);
        assertAccepted(verifier, token("ES256", other));
    }

    @Test
    void verifyWhenKeySetVersionChangesThenTwinReplacesTheStaleEntryInsteadOfAddingOne() {
        SwitchableKeySource keys = new SwitchableKeySource(VerificationKey.ofPublicKey(null, TestKeys.EC_P256.getPublic()));
        TokenVerifier verifier = verifier(keys, JwsAlgorithm.ES256);
        String token = token("ES256", TestKeys.EC_P256);
        assertAccepted(verifier, token);
        keys.version.incrementAndGet(); // same key, new version: the entry must be verified again

        assertAccepted(verifier, twin(token, "ES256"));
        assertAccepted(verifier, token);
        assertThat(verifier.cachedTokenCount()).isEqualTo(1);
    }

    /**
     * EdDSA and HS512 signatures are as long as an ES256 one (64 bytes), so the cache's twin
     * lookup must not apply n - s to them: such a "twin" is a forgery and must be verified, and
     * refused, not served from the cache entry of the genuine token.
     */
    @Test
    void verifyWhenEdDsaSignatureTamperedLikeAnEcdsaTwinThenInvalidSignature() {
        TokenVerifier verifier = verifier(new SwitchableKeySource(
                VerificationKey.ofPublicKey(null, TestKeys.ED25519.getPublic())), JwsAlgorithm.EdDSA);
        String token = token("EdDSA", TestKeys.ED25519);
        assertAccepted(verifier, token);

        for (String forged : p256Twins(token)) {
            assertRejected(verifier, forged, RejectionReason.INVALID_SIGNATURE);
        }
        assertThat(verifier.cachedTokenCount()).isEqualTo(1);
    }

    @Test
    void verifyWhenHmacSignatureTamperedLikeAnEcdsaTwinThenInvalidSignature() {
        TokenVerifier verifier = verifier(new SwitchableKeySource(
                VerificationKey.ofSecret(null, TestKeys.SECRET_64, false)), JwsAlgorithm.HS512);
        String token = HostileTokens.sign(TokenFactory.header("HS512"), HostileTokens.claims(), "HS512",
                new javax.crypto.spec.SecretKeySpec(TestKeys.SECRET_64, "HmacSHA512"));
        assertAccepted(verifier, token);

        for (String forged : p256Twins(token)) {
            assertRejected(verifier, forged, RejectionReason.INVALID_SIGNATURE);
        }
    }

    /** The spelling used for fingerprints is the same for both twins, and the token itself for other algorithms. */
    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void lowSWhenTwinsThenSameSpelling(String alg) {
        String token = token(alg, ecKey(alg));
        String twin = twin(token, alg);
        String lowS = EcdsaSignatures.lowS(token);

        assertThat(EcdsaSignatures.lowS(twin)).isEqualTo(lowS);
        assertThat(lowS).isIn(token, twin);
        assertThat(EcdsaSignatures.lowS(lowS)).isEqualTo(lowS);
    }

    @Test
    void lowSWhenNotAnEcdsaTokenThenUnchanged() {
        String eddsa = token("EdDSA", TestKeys.ED25519);
        assertThat(EcdsaSignatures.lowS(eddsa)).isSameAs(eddsa);
        for (String forged : p256Twins(eddsa)) {
            assertThat(EcdsaSignatures.lowS(forged)).isSameAs(forged);
        }
        String rs256 = TestConfigs.validRs256();
        assertThat(EcdsaSignatures.lowS(rs256)).isSameAs(rs256);
        for (String garbage : new String[] {"", ".", "..", "a.b.c", "x.y.z.w.v", "e30.e30." + "A".repeat(86),
                TokenFactory.b64("{\"alg\":\"ES256\"}") + ".e30." + "_".repeat(86),
                TokenFactory.b64("{\"alg\":\"ES256\"}") + ".e30." + "A".repeat(86)}) {
            assertThat(EcdsaSignatures.lowS(garbage)).isSameAs(garbage);
        }
    }

    /** {@code token} with the second half of its 64-byte signature replaced by n - s for P-256's n. */
    private static List<String> p256Twins(String token) {
        BigInteger n = ((ECPublicKey) TestKeys.EC_P256.getPublic()).getParams().getOrder();
        BigInteger s = new BigInteger(1, Base64Url.decode(token.substring(token.lastIndexOf('.') + 1)), 32, 32);
        return s.signum() > 0 && s.compareTo(n) < 0 ? List.of(twin(token, n, 32)) : List.of();
    }

    private static KeyPair otherP256() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

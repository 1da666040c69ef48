package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8725 section 3.1: the algorithm comes from configuration; the token's {@code alg} only has to be in it. */
class AlgorithmAllowListTest {
    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** The trusted RSA key could verify these, so only the allow-list (RS256) refuses them. */
    @ParameterizedTest
    @ValueSource(strings = {"RS384", "RS512", "PS256", "PS384", "PS512"})
    void verifyWhenRsaAlgorithmOutsideAllowListAndValidlySignedThenAlgorithmNotAllowed(String alg) {
        String token = HostileTokens.sign(TokenFactory.header(alg), HostileTokens.claims(), alg,
                TestKeys.RSA_2048.getPrivate());

        assertRejected(verifier, token, RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    /** Unknown names, other spellings of RS256, and JOSE names we do not implement. */
    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "rs256", "Rs256", "RS256 ", " RS256", "RS 256", "RSA256", "", "ES256K", "RSA-OAEP",
            "dir", "RS256\\u0000"})
    void verifyWhenAlgIsUnknownOrMisspelledThenAlgorithmNotAllowed(String alg) {
        String token = HostileTokens.rs256("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");

        assertRejected(verifier, token, RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenAlgIsMissingThenAlgorithmNotAllowed() {
        assertRejected(verifier, HostileTokens.rs256("{\"typ\":\"JWT\"}"), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256", "null", "true", "[\"RS256\"]", "{\"name\":\"RS256\"}", "[]"})
    void verifyWhenAlgIsNotAStringThenAlgorithmNotAllowed(String algJson) {
        String token = HostileTokens.rs256("{\"alg\":" + algJson + ",\"typ\":\"JWT\"}");

        assertRejected(verifier, token, RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    /** A trusted HMAC secret is configured, but HS256 is not in the allow-list: the secret must not be used. */
    @Test
    void verifyWhenHs256ValidlySignedButOnlyRs256AllowedThenAlgorithmNotAllowed() {
        TokenVerifier withSecret = TokenVerifier.create(TestConfigs.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()),
                        VerificationKey.ofSecret(null, TestKeys.SECRET_32, false))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .build());
        String token = HostileTokens.sign(TokenFactory.header("HS256"), HostileTokens.claims(), "HS256",
                new SecretKeySpec(TestKeys.SECRET_32, "HmacSHA256"));

        assertRejected(withSecret, token, RejectionReason.ALGORITHM_NOT_ALLOWED);
        assertAccepted(withSecret, HostileTokens.rs256(TokenFactory.header("RS256")));
    }

    @Test
    void verifyWhenAlgIsInAllowListThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }

    @Test
    void verifyWhenRs512IsAllowedThenRs512Accepted() {
        TokenVerifier rs512 = TokenVerifier.create(TestConfigs.rsa()
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.RS512)).build());
        String token = HostileTokens.sign(TokenFactory.header("RS512"), HostileTokens.claims(), "RS512",
                TestKeys.RSA_2048.getPrivate());

        assertAccepted(rs512, token);
    }
}

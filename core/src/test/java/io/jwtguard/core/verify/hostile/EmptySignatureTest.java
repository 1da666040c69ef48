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

/**
 * {@code header.payload.} (an empty signature, the shape of an unsecured JWT) is refused as
 * malformed, whatever {@code alg} says, as are empty header or payload segments.
 */
class EmptySignatureTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.builder()
            .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()),
                    VerificationKey.ofPublicKey(null, TestKeys.EC_P256.getPublic()),
                    VerificationKey.ofPublicKey(null, TestKeys.ED25519.getPublic()),
                    VerificationKey.ofSecret(null, TestKeys.SECRET_32, false))
            .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256, JwsAlgorithm.EdDSA,
                    JwsAlgorithm.HS256))
            .issuer(TokenFactory.ISSUER)
            .audiences(Set.of(TokenFactory.AUDIENCE))
            .clock(TestConfigs.CLOCK)
            .build());

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA", "HS256", "none", "NONE", "XYZ"})
    void verifyWhenSignatureSegmentEmptyThenMalformedToken(String alg) {
        String token = TokenFactory.b64(TokenFactory.header(alg)) + "." + TokenFactory.b64(HostileTokens.claims()) + ".";

        assertRejected(verifier, token, RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenSignatureRemovedFromValidTokenThenMalformedToken() {
        String valid = hs256();

        assertRejected(verifier, valid.substring(0, valid.lastIndexOf('.') + 1), RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenHeaderOrPayloadSegmentEmptyThenMalformedToken() {
        String[] parts = HostileTokens.segments(hs256());

        assertRejected(verifier, "." + parts[1] + "." + parts[2], RejectionReason.MALFORMED_TOKEN);
        assertRejected(verifier, parts[0] + ".." + parts[2], RejectionReason.MALFORMED_TOKEN);
        assertRejected(verifier, "..", RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenSignaturePresentThenAccepted() {
        assertAccepted(verifier, hs256());
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }

    private static String hs256() {
        return HostileTokens.sign(TokenFactory.header("HS256"), HostileTokens.claims(), "HS256",
                new SecretKeySpec(TestKeys.SECRET_32, "HmacSHA256"));
    }
}

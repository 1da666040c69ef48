package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8725 section 3.10 / RFC 7515 sections 4.1.2-4.1.6: header members that offer a key or a
 * key location ({@code jwk}, {@code x5c}, {@code jku}, {@code x5u}) are never followed, and a
 * token carrying one is refused outright.
 */
class KeyInHeaderTest {
    private static final String ATTACKER_JWK = Jwks.rsa(null, (RSAPublicKey) TestKeys.RSA_2048_OTHER.getPublic());
    private static final String TRUSTED_JWK = Jwks.rsa(null, (RSAPublicKey) TestKeys.RSA_2048.getPublic());
    private static final String ATTACKER_X5C =
            "[\"" + Base64.getEncoder().encodeToString(TestKeys.RSA_2048_OTHER.getPublic().getEncoded()) + "\"]";

    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    static Stream<Arguments> keyMembers() {
        return Stream.of(
                Arguments.of("jwk", ATTACKER_JWK),
                Arguments.of("x5c", ATTACKER_X5C),
                Arguments.of("jku", "\"https://attacker.example/jwks.json\""),
                Arguments.of("x5u", "\"https://attacker.example/cert.pem\""),
                Arguments.of("jku", "\"file:///etc/passwd\""),
                Arguments.of("jwk", "null"),
                Arguments.of("x5c", "[]"),
                Arguments.of("jku", "\"\""));
    }

    /** The classic attack: the attacker signs with its own key and ships the public half in the header. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("keyMembers")
    void verifyWhenHeaderOffersAttackerKeyAndTokenSignedWithItThenKeyInHeader(String member, String valueJson) {
        String token = HostileTokens.sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"" + member + "\":" + valueJson + "}",
                HostileTokens.claims(), "RS256", TestKeys.RSA_2048_OTHER.getPrivate());

        assertRejected(verifier, token, RejectionReason.KEY_IN_HEADER);
    }

    /** Even when signed by the trusted key, a key-bearing header is refused (it is never harmless to follow). */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("keyMembers")
    void verifyWhenHeaderOffersKeyAndTokenSignedWithTrustedKeyThenKeyInHeader(String member, String valueJson) {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"" + member + "\":" + valueJson + "}");

        assertRejected(verifier, token, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenHeaderEmbedsTheTrustedJwkThenKeyInHeader() {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\",\"jwk\":" + TRUSTED_JWK + "}");

        assertRejected(verifier, token, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenHeaderOffersAllFourThenKeyInHeader() {
        String token = HostileTokens.sign("{\"alg\":\"RS256\",\"jwk\":" + ATTACKER_JWK + ",\"x5c\":" + ATTACKER_X5C
                + ",\"jku\":\"https://a.example/k\",\"x5u\":\"https://a.example/c\"}", HostileTokens.claims(), "RS256",
                TestKeys.RSA_2048_OTHER.getPrivate());

        assertRejected(verifier, token, RejectionReason.KEY_IN_HEADER);
    }

    @Test
    void verifyWhenNoKeyInHeaderThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }

    /** Similar-looking but unregistered members carry no meaning and do not trigger the rule. */
    @Test
    void verifyWhenHeaderHasLookalikeMembersThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256("{\"alg\":\"RS256\",\"JWK\":1,\"x5t\":\"abc\",\"x5t#S256\":\"d\"}"));
    }
}

package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7797: {@code b64: false} means the payload is not base64url encoded. A JWT's claims are
 * always encoded (RFC 7797 section 7), so any {@code b64} other than {@code true} is refused,
 * before the signature is checked against a differently formed signing input.
 */
class UnencodedPayloadTest {
    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** Tokens signed over the ordinary encoded input: a verifier that ignored b64 would accept them. */
    @ParameterizedTest
    @ValueSource(strings = {"false", "\"false\"", "\"true\"", "0", "1", "null", "[]", "{}", "[false]"})
    void verifyWhenB64IsNotTrueThenUnencodedPayload(String b64Json) {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\",\"b64\":" + b64Json + "}");

        assertRejected(verifier, token, RejectionReason.UNENCODED_PAYLOAD);
    }

    /** RFC 7797 requires b64 to be listed in crit; crit is refused first (we implement no extension). */
    @Test
    void verifyWhenB64FalseDeclaredCriticalThenUnsupportedCriticalHeader() {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}");

        assertRejected(verifier, token, RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void verifyWhenB64AbsentThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }

    /** {@code b64: true} is the default meaning, so it changes nothing. */
    @Test
    void verifyWhenB64TrueThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256("{\"alg\":\"RS256\",\"b64\":true}"));
    }
}

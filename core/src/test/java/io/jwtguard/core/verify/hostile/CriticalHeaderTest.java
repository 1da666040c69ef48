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
 * RFC 7515 section 4.1.11: {@code crit} must be a non-empty array of distinct extension names
 * that are not registered header names, each understood by the recipient. JWT Guard implements
 * no extension, so every {@code crit} is refused, well-formed or not.
 */
class CriticalHeaderTest {
    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** The rest of the header after {@code "alg":"RS256",}; all signed by the trusted key. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\"crit\":[]",
            "\"crit\":[\"exp\",\"exp\"],\"exp\":1",
            "\"crit\":[\"alg\"]",
            "\"crit\":[\"kid\"],\"kid\":\"k\"",
            "\"crit\":[\"typ\"],\"typ\":\"JWT\"",
            "\"crit\":[\"https://example.com/ext\"],\"https://example.com/ext\":true",
            "\"crit\":[\"unknown\"]",
            "\"crit\":[\"b64\"],\"b64\":true",
            "\"crit\":[\"http://openbanking.org.uk/iat\"],\"http://openbanking.org.uk/iat\":1",
            "\"crit\":\"exp\",\"exp\":1",
            "\"crit\":null",
            "\"crit\":{}",
            "\"crit\":[1]",
            "\"crit\":[\"\"]",
            "\"crit\":true"})
    void verifyWhenCritPresentInAnyFormThenUnsupportedCriticalHeader(String members) {
        String token = HostileTokens.rs256("{\"alg\":\"RS256\"," + members + "}");

        assertRejected(verifier, token, RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void verifyWhenNoCritThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }

    /** An unknown header member that is not declared critical may be ignored (RFC 7515 section 4). */
    @Test
    void verifyWhenUnknownNonCriticalMemberThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256("{\"alg\":\"RS256\",\"https://example.com/ext\":true}"));
    }
}

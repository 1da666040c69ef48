package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compact JWS has exactly 3 segments and a JWE exactly 5 (RFC 7515 section 7.1, RFC 7516
 * section 7.1); any other count is refused before anything is decoded.
 */
class SegmentCountTest {
    private static final String VALID = HostileTokens.rs256(TokenFactory.header("RS256"));
    private static final String H = HostileTokens.segments(VALID)[0];
    private static final String P = HostileTokens.segments(VALID)[1];
    private static final String S = HostileTokens.segments(VALID)[2];

    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    static Stream<Arguments> wrongCounts() {
        return Stream.of(
                Arguments.of(1, H), Arguments.of(1, P), Arguments.of(1, S), Arguments.of(1, H + P + S),
                Arguments.of(2, H + "." + P), Arguments.of(2, P + "." + S), Arguments.of(2, H + "." + S),
                Arguments.of(2, "."),
                Arguments.of(4, VALID + "." + S), Arguments.of(4, VALID + "."), Arguments.of(4, "." + VALID),
                Arguments.of(4, H + "." + P + ".." + S), Arguments.of(4, "..."),
                Arguments.of(6, VALID + "." + VALID), Arguments.of(6, H + "." + P + "." + S + "." + H + "." + P + "." + S),
                Arguments.of(6, "....."),
                Arguments.of(7, VALID + "." + H + "." + P + "." + S + "." + S),
                Arguments.of(11, VALID + "." + VALID + "." + VALID + "." + H + "." + P));
    }

    @ParameterizedTest(name = "{0} segments")
    @MethodSource("wrongCounts")
    void verifyWhenSegmentCountIsNotThreeOrFiveThenMalformedToken(int count, String token) {
        assertRejected(verifier, token, RejectionReason.MALFORMED_TOKEN);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "Bearer", "null", "undefined"})
    void verifyWhenTokenIsNullEmptyOrAWordThenMalformedToken(String token) {
        assertRejected(verifier, token, RejectionReason.MALFORMED_TOKEN);
    }

    /** Five segments is the JWE form; without decryption configured it is refused as such. */
    @ParameterizedTest
    @ValueSource(strings = {"a.b.c.d.e", "....", "x.y"})
    void verifyWhenFiveSegmentsAndNoDecryptionConfiguredThenEncryptionNotAccepted(String suffix) {
        String token = suffix.equals("x.y") ? VALID + ".x.y" : suffix;

        assertRejected(verifier, token, RejectionReason.ENCRYPTION_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenThreeSegmentsThenAccepted() {
        assertAccepted(verifier, VALID);
    }
}

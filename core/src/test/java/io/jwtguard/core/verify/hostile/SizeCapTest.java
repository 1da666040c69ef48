package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens longer than the cap (8192 characters by default) are refused before any decoding, so
 * an oversized or garbage token costs a length comparison and nothing more.
 */
class SizeCapTest {
    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** A validly signed RS256 token of exactly {@code length} characters (claims padded with a "pad" member). */
    static String validTokenOfLength(int length) {
        String claims = HostileTokens.claims();
        for (int spaces = 0; spaces < 3; spaces++) {
            String header = "{" + " ".repeat(spaces) + "\"alg\":\"RS256\"}";
            int fixed = encodedLength(header.length()) + 2 + encodedLength(256);
            for (int pad = 0; fixed + encodedLength(claims.length() + pad + 9) <= length; pad++) {
                if (fixed + encodedLength(claims.length() + pad + 9) == length) {
                    String padded = claims.substring(0, claims.length() - 1) + ",\"pad\":\"" + "x".repeat(pad) + "\"}";
                    String token = HostileTokens.rs256(header, padded);
                    assertThat(token).hasSize(length);
                    return token;
                }
            }
        }
        throw new IllegalArgumentException("cannot build a token of " + length + " characters");
    }

    private static int encodedLength(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    @Test
    void verifyWhenTokenExactlyAtDefaultCapThenAccepted() {
        assertAccepted(verifier, validTokenOfLength(VerifierConfig.DEFAULT_MAX_TOKEN_SIZE));
    }

    @Test
    void verifyWhenValidTokenOneCharacterOverDefaultCapThenSizeExceeded() {
        assertRejected(verifier, validTokenOfLength(VerifierConfig.DEFAULT_MAX_TOKEN_SIZE + 1),
                RejectionReason.SIZE_EXCEEDED);
    }

    @Test
    void verifyWhenCapConfiguredThenItIsEnforcedExactly() {
        TokenVerifier capped = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(1024).build());

        assertAccepted(capped, validTokenOfLength(1024));
        assertAccepted(capped, TestConfigs.validRs256());
        assertRejected(capped, validTokenOfLength(1025), RejectionReason.SIZE_EXCEEDED);
    }

    @Test
    void verifyWhenCapBelowOrdinaryTokenThenSizeExceeded() {
        TokenVerifier tiny = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(64).build());

        assertRejected(tiny, TestConfigs.validRs256(), RejectionReason.SIZE_EXCEEDED);
    }

    @Test
    void verifyWhenCapRaisedThenLargeValidTokenAccepted() {
        TokenVerifier large = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(65_536).build());

        assertAccepted(large, validTokenOfLength(65_536));
        assertRejected(large, validTokenOfLength(65_537), RejectionReason.SIZE_EXCEEDED);
    }

    /** Garbage that would fail structure, encoding or JSON checks is refused for its size first. */
    @ParameterizedTest
    @ValueSource(strings = {"!", "A", ".", "%.%.%", "eyJ.eyJ.sig", "\u00E9", "{\"alg\":\"none\"}."})
    void verifyWhenHugeGarbageThenSizeExceededNotMalformed(String unit) {
        String garbage = unit.repeat(VerifierConfig.DEFAULT_MAX_TOKEN_SIZE / unit.length() + 1);
        assertThat(garbage.length()).isGreaterThan(VerifierConfig.DEFAULT_MAX_TOKEN_SIZE);

        assertRejected(verifier, garbage, RejectionReason.SIZE_EXCEEDED);
        assertRejected(verifier, unit.repeat(1_000_000 / unit.length()), RejectionReason.SIZE_EXCEEDED);
    }

    @Test
    void verifyWhenGarbageOverMaximumConfigurableCapThenSizeExceeded() {
        TokenVerifier largest = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(1 << 20).build());

        assertRejected(largest, "A.".repeat((1 << 19) + 1), RejectionReason.SIZE_EXCEEDED);
    }

    /** At the cap, the same garbage reaches the later checks: the cap is the only thing that differs. */
    @Test
    void verifyWhenGarbageExactlyAtCapThenLaterChecksApply() {
        assertRejected(verifier, "!".repeat(VerifierConfig.DEFAULT_MAX_TOKEN_SIZE), RejectionReason.MALFORMED_TOKEN);
        String threeSegments = "!".repeat(4095) + "." + "!".repeat(4094) + ".!";
        assertThat(threeSegments).hasSize(VerifierConfig.DEFAULT_MAX_TOKEN_SIZE);
        assertRejected(verifier, threeSegments, RejectionReason.MALFORMED_ENCODING);
        assertRejected(verifier, threeSegments + "!", RejectionReason.SIZE_EXCEEDED);
    }
}

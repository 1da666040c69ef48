package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.jose.StrictJson;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deeply nested JSON (a stack-exhaustion and CPU attack on parsers) is refused once nesting
 * exceeds {@link StrictJson#MAX_DEPTH} levels, the top-level object counting as 1. Tokens are
 * signed by the trusted key, so only the depth limit can refuse them.
 */
class DeepNestingTest {
    private static final String CLAIMS = HostileTokens.claims();

    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** A value nested {@code levels} deep, alternating arrays and objects as {@code kind} says. */
    static String nested(String kind, int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            boolean array = kind.equals("arrays") || kind.equals("mixed") && i % 2 == 0;
            open.append(array ? "[" : "{\"a\":");
            close.insert(0, array ? "]" : "}");
        }
        return open.toString() + "1" + close;
    }

    /** Claims with member "deep" holding {@code levels} nested levels: total depth is levels + 1. */
    static String claimsWithDepth(String kind, int totalDepth) {
        return CLAIMS.substring(0, CLAIMS.length() - 1) + ",\"deep\":" + nested(kind, totalDepth - 1) + "}";
    }

    static String headerWithDepth(String kind, int totalDepth) {
        return "{\"alg\":\"RS256\",\"deep\":" + nested(kind, totalDepth - 1) + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "objects", "mixed"})
    void verifyWhenClaimsNestedExactlyToLimitThenAccepted(String kind) {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256"),
                claimsWithDepth(kind, StrictJson.MAX_DEPTH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "objects", "mixed"})
    void verifyWhenHeaderNestedExactlyToLimitThenAccepted(String kind) {
        assertAccepted(verifier, HostileTokens.rs256(headerWithDepth(kind, StrictJson.MAX_DEPTH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "objects", "mixed"})
    void verifyWhenClaimsNestedOneOverLimitThenMalformedJson(String kind) {
        assertRejected(verifier, HostileTokens.rs256(TokenFactory.header("RS256"),
                claimsWithDepth(kind, StrictJson.MAX_DEPTH + 1)), RejectionReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "objects", "mixed"})
    void verifyWhenHeaderNestedOneOverLimitThenMalformedJson(String kind) {
        assertRejected(verifier, HostileTokens.rs256(headerWithDepth(kind, StrictJson.MAX_DEPTH + 1)),
                RejectionReason.MALFORMED_JSON);
    }

    /** With the size cap raised, 10,000 and 100,000 levels fit in a token: refused, without a StackOverflowError. */
    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000})
    void verifyWhenThousandsOfNestedArraysWithinRaisedCapThenMalformedJson(int levels) {
        TokenVerifier large = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(1 << 20).build());

        assertRejected(large, HostileTokens.rs256(TokenFactory.header("RS256"), claimsWithDepth("arrays", levels)),
                RejectionReason.MALFORMED_JSON);
        assertRejected(large, HostileTokens.rs256(headerWithDepth("arrays", levels)), RejectionReason.MALFORMED_JSON);
        assertRejected(large, HostileTokens.rs256(TokenFactory.header("RS256"), claimsWithDepth("objects", levels)),
                RejectionReason.MALFORMED_JSON);
    }

    /** Unclosed nesting: the depth limit fires before the parser reaches the missing brackets. */
    @Test
    void verifyWhenUnclosedNestingThenMalformedJson() {
        TokenVerifier large = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(1 << 16).build());
        String claims = CLAIMS.substring(0, CLAIMS.length() - 1) + ",\"deep\":" + "[".repeat(20_000);

        assertRejected(large, HostileTokens.rs256(TokenFactory.header("RS256"), claims), RejectionReason.MALFORMED_JSON);
    }

    @Test
    void verifyWhenFlatClaimsThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }
}

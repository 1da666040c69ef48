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
 * RFC 7515 section 4 and RFC 7519 section 4: a header or claims set that repeats a member name
 * is refused, so two parsers can never read two different tokens out of the same bytes. In each
 * case the last value is the legitimate one, so a last-wins parser would accept the token.
 */
class DuplicateMemberTest {
    private static final String VALID_CLAIMS = HostileTokens.claims();
    private static final String CLAIMS_BODY = VALID_CLAIMS.substring(1, VALID_CLAIMS.length() - 1);

    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"alg\":\"HS256\",\"alg\":\"RS256\"}",
            "{\"alg\":\"none\",\"alg\":\"RS256\"}",
            "{\"alg\":\"RS256\",\"alg\":\"RS256\"}",
            "{\"alg\":\"RS256\",\"typ\":\"dpop+jwt\",\"typ\":\"JWT\"}",
            "{\"alg\":\"RS256\",\"kid\":\"a\",\"kid\":\"b\"}",
            "{\"alg\":\"RS256\",\"\\u0061lg\":\"RS256\"}",
            "{\"alg\":\"RS256\",\"ext\":{\"x\":1,\"x\":2}}",
            "{\"alg\":\"RS256\",\"ext\":[{\"a\":{\"b\":1,\"b\":1}}]}"})
    void verifyWhenHeaderRepeatsMemberThenDuplicateMember(String header) {
        assertRejected(verifier, HostileTokens.rs256(header), RejectionReason.DUPLICATE_MEMBER);
    }

    /** Members prepended to the valid claims, which then repeat them with valid values. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\"exp\":99999999999",
            "\"iss\":\"https://attacker.example\"",
            "\"aud\":\"other-api\"",
            "\"sub\":\"admin\"",
            "\"groups\":[\"superuser\"]",
            "\"\\u0065xp\":1"})
    void verifyWhenClaimsRepeatMemberThenDuplicateMember(String firstMember) {
        String claims = "{" + firstMember + "," + CLAIMS_BODY + "}";

        assertRejected(verifier, HostileTokens.rs256(TokenFactory.header("RS256"), claims),
                RejectionReason.DUPLICATE_MEMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"cnf\":{\"jkt\":\"a\",\"jkt\":\"b\"}",
            "\"realm_access\":{\"roles\":[\"user\"],\"roles\":[\"admin\"]}",
            "\"nested\":[1,[2,{\"a\":{\"b\":{\"c\":1,\"c\":2}}}]]",
            "\"act\":{\"sub\":\"x\",\"act\":{\"sub\":\"y\",\"sub\":\"z\"}}"})
    void verifyWhenNestedClaimObjectRepeatsMemberThenDuplicateMember(String member) {
        String claims = "{" + CLAIMS_BODY + "," + member + "}";

        assertRejected(verifier, HostileTokens.rs256(TokenFactory.header("RS256"), claims),
                RejectionReason.DUPLICATE_MEMBER);
    }

    @Test
    void verifyWhenSameNameInDifferentObjectsThenAccepted() {
        String claims = "{" + CLAIMS_BODY + ",\"a\":{\"x\":1},\"b\":{\"x\":1},\"c\":[{\"x\":1},{\"x\":2}]}";
        String header = "{\"alg\":\"RS256\",\"e1\":{\"alg\":1},\"e2\":{\"alg\":2}}";

        assertAccepted(verifier, HostileTokens.rs256(header, claims));
    }

    @Test
    void verifyWhenNoDuplicatesThenAccepted() {
        assertAccepted(verifier, HostileTokens.rs256(TokenFactory.header("RS256")));
    }
}

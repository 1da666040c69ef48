package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code aud} (RFC 7519 section 4.1.3) must be a string or a non-empty array of strings, and at
 * least one value must be a configured audience (exact, case-sensitive). A token minted for
 * another service must not be replayed here.
 */
class AudienceMismatchTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());

    @Test
    void verifyWhenAudienceStringMatchesThenAccepted() {
        assertThat(verifier.verify(RawClaims.valid().signRs256()).getAudience()).containsExactly(TokenFactory.AUDIENCE);
    }

    @Test
    void verifyWhenAudienceArrayContainsOneAcceptedValueThenAccepted() {
        String token = RawClaims.valid().withRaw("aud", "[\"billing-api\",\"orders-api\",\"other\"]").signRs256();

        assertThat(verifier.verify(token).getAudience()).containsExactly("billing-api", "orders-api", "other");
    }

    @Test
    void verifyWhenAudienceArrayHasSingleAcceptedValueThenAccepted() {
        String token = RawClaims.valid().withRaw("aud", "[\"orders-api\"]").signRs256();

        assertThat(verifier.verify(token).getAudience()).containsExactly("orders-api");
    }

    @Test
    void verifyWhenSeveralAudiencesConfiguredAndTokenNamesAnyThenAccepted() {
        TokenVerifier two = TokenVerifier.create(TestConfigs.rsa().audiences(Set.of("orders-api", "billing-api"))
                .build());
        String token = RawClaims.valid().withString("aud", "billing-api").signRs256();

        assertThat(two.verify(token).getAudience()).containsExactly("billing-api");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"billing-api\"",
        "\"\"",
        "\"Orders-api\"",
        "\"ORDERS-API\"",
        "\"orders-api \"",
        "\" orders-api\"",
        "\"orders-api/\"",
        "\"orders-api,billing-api\"",
        "\"orders\"",
        "[\"billing-api\",\"other\"]",
        "[\"\"]",
        "[\"orders-api \"]"
    })
    void verifyWhenNoAudienceValueAcceptedThenAudienceMismatch(String rawAudience) {
        String token = RawClaims.valid().withRaw("aud", rawAudience).signRs256();

        assertRejected(verifier, token, RejectionReason.AUDIENCE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "[\"orders-api\",5]",
        "[5,\"orders-api\"]",
        "[\"billing-api\",true]",
        "[null]",
        "[[\"orders-api\"]]",
        "[{\"aud\":\"orders-api\"}]",
        "5",
        "0",
        "true",
        "null",
        "{}",
        "{\"aud\":\"orders-api\"}"
    })
    void verifyWhenAudienceNotStringOrNonEmptyStringArrayThenInvalidClaim(String rawAudience) {
        String token = RawClaims.valid().withRaw("aud", rawAudience).signRs256();

        assertRejected(verifier, token, RejectionReason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenAudienceMissingThenMissingClaim() {
        String token = RawClaims.valid().without("aud").signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

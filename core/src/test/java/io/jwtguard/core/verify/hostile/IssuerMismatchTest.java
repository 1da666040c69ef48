package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iss} must be exactly the configured issuer (RFC 7519 section 4.1.1: a case-sensitive
 * string; no URL normalisation, no trimming, no prefix match). A token from a look-alike issuer
 * that shares our keys (multi-tenant identity providers) must be refused.
 */
class IssuerMismatchTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());

    @Test
    void verifyWhenIssuerExactThenAccepted() {
        assertThat(verifier.verify(RawClaims.valid().signRs256()).getIssuer()).isEqualTo(TokenFactory.ISSUER);
    }

    @Test
    void verifyWhenIssuerUsesJsonEscapedSlashesThenAcceptedBecauseSameString() {
        // "https:\/\/issuer.example" is the same JSON string as "https://issuer.example"
        String token = RawClaims.valid().withString("iss", "https:\\/\\/issuer.example").signRs256();

        assertThat(verifier.verify(token).getIssuer()).isEqualTo(TokenFactory.ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTPS://ISSUER.EXAMPLE",
        "https://Issuer.example",
        "https://issuer.example/",
        "https://issuer.example//",
        " https://issuer.example",
        "https://issuer.example ",
        "https://issuer.example\\t",
        "https://issuer.example\\n",
        "https://issuer.example\\u0000",
        "https://issuer.exampl",
        "https://issuer.example.evil",
        "https://issuer.example/realms/other",
        "https://issuer.example?x=1",
        "https://issuer.example#",
        "https://evil.example/https://issuer.example",
        "http://issuer.example",
        "https://issuer.example:443",
        "https://\\u0456ssuer.example",
        ""
    })
    void verifyWhenIssuerDiffersThenIssuerMismatch(String issuer) {
        String token = RawClaims.valid().withString("iss", issuer).signRs256();

        assertRejected(verifier, token, RejectionReason.ISSUER_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "null", "[\"https://issuer.example\"]", "{\"iss\":\"https://issuer.example\"}"})
    void verifyWhenIssuerNotAStringThenInvalidClaim(String rawIssuer) {
        // the registered string claims are type-checked first (RejectionReason.INVALID_CLAIM:
        // "a registered claim has the wrong JSON type"); the issuer rule alone would say
        // ISSUER_MISMATCH (see StandardClaimRulesTest)
        String token = RawClaims.valid().withRaw("iss", rawIssuer).signRs256();

        assertRejected(verifier, token, RejectionReason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenIssuerMissingThenMissingClaim() {
        String token = RawClaims.valid().without("iss").signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenIssuerOnlyInOtherCaseMemberNameThenMissingClaim() {
        String token = RawClaims.valid().without("iss").withString("ISS", TokenFactory.ISSUER).signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenConfiguredIssuerHasTrailingSlashAndTokenHasNoneThenIssuerMismatch() {
        TokenVerifier slash = TokenVerifier.create(TestConfigs.rsa().issuer(TokenFactory.ISSUER + "/").build());

        assertRejected(slash, RawClaims.valid().signRs256(), RejectionReason.ISSUER_MISMATCH);
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A token without {@code exp} never expires. {@code exp} is always required (DESIGN decision 4),
 * whatever else the configuration relaxes.
 */
class MissingExpirationTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());

    @Test
    void verifyWhenExpPresentThenAccepted() {
        assertThat(verifier.verify(RawClaims.valid().signRs256()).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenExpMissingAndEverythingElseValidThenMissingClaim() {
        String token = RawClaims.valid().without("exp").signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenExpMissingAndNbfPresentThenMissingClaim() {
        String token = RawClaims.valid().without("exp").withTime("nbf", -10).signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenExpMissingAndLifetimeUnboundedThenMissingClaim() {
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().without("exp").signRs256();

        assertRejected(unbounded, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenExpMissingAndEveryOptionalCheckRelaxedThenMissingClaim() {
        // no issuer, no audience, no lifetime, largest acknowledged skew: exp is still required
        TokenVerifier relaxed = TokenVerifier.create(TestConfigs.rsa().issuer(null).audiences(Set.of())
                .maxLifetime(null).clockSkew(Duration.ofDays(1))
                .acknowledge(EnumSet.of(FindingCode.NO_ISSUER, FindingCode.UNBOUNDED_LIFETIME,
                        FindingCode.SKEW_OVER_BOUND))
                .build());
        String token = RawClaims.valid().without("exp").without("iat").signRs256();

        assertRejected(relaxed, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenExpMissingAndRequiredClaimsConfiguredWithoutExpThenMissingClaim() {
        TokenVerifier withRequired = TokenVerifier.create(TestConfigs.rsa().requiredClaims(Set.of("jti")).build());
        String token = RawClaims.valid().without("exp").signRs256();

        assertRejected(withRequired, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenExpNullThenInvalidClaim() {
        String token = RawClaims.valid().withRaw("exp", "null").signRs256();

        assertRejected(verifier, token, RejectionReason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenExpSpelledInOtherCaseThenMissingClaim() {
        // claim names are case-sensitive (RFC 7519 section 4): "EXP" is not "exp"
        String token = RawClaims.valid().without("exp").withTime("EXP", 300).withTime("Exp", 300).signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenExpOnlyNestedInAnotherClaimThenMissingClaim() {
        String token = RawClaims.valid().without("exp").withRaw("ext", "{\"exp\":" + (TestConfigs.NOW
                .getEpochSecond() + 300) + "}").signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

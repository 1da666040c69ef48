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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Long-lived tokens: {@code exp - iat} over the maximum lifetime (one hour by default, RFC 6750
 * section 5.3) is {@link RejectionReason#LIFETIME_EXCEEDED}; without {@code iat} the lifetime is
 * unknown, so a bounded lifetime makes {@code iat} required; {@code now - iat} over the maximum
 * age (plus skew) is {@link RejectionReason#TOO_OLD}.
 */
class LifetimeAndAgeTest {
    private static final long YEAR = 365L * 24 * 3600;

    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());

    @Test
    void verifyWhenLifetimeExactlyOneHourThenAccepted() {
        String token = RawClaims.valid().withTime("iat", -10).withTime("exp", 3_590).signRs256();

        assertThat(verifier.verify(token).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenLifetimeOneHourAndOneSecondThenLifetimeExceeded() {
        String token = RawClaims.valid().withTime("iat", -10).withTime("exp", 3_591).signRs256();

        assertRejected(verifier, token, RejectionReason.LIFETIME_EXCEEDED);
    }

    @Test
    void verifyWhenLifetimeOneYearThenLifetimeExceeded() {
        String token = RawClaims.valid().withTime("iat", -10).withTime("exp", YEAR).signRs256();

        assertRejected(verifier, token, RejectionReason.LIFETIME_EXCEEDED);
    }

    @Test
    void verifyWhenIatBackdatedToLookShortLivedButExpFarThenLifetimeExceeded() {
        // an old iat does not hide a far exp: the lifetime is measured between the two claims
        String token = RawClaims.valid().withTime("iat", -3_000).withTime("exp", 3_000).signRs256();

        assertRejected(verifier, token, RejectionReason.LIFETIME_EXCEEDED);
    }

    @Test
    void verifyWhenCustomMaxLifetimeExceededThenLifetimeExceeded() {
        TokenVerifier fiveMinutes = TokenVerifier.create(TestConfigs.rsa().maxLifetime(Duration.ofMinutes(5)).build());
        String atMax = RawClaims.valid().withTime("iat", -10).withTime("exp", 290).signRs256();
        String overMax = RawClaims.valid().withTime("iat", -10).withTime("exp", 291).signRs256();

        assertThat(fiveMinutes.verify(atMax).getName()).isEqualTo("jdoe@example.com");
        assertRejected(fiveMinutes, overMax, RejectionReason.LIFETIME_EXCEEDED);
    }

    @Test
    void verifyWhenIatMissingAndLifetimeBoundedThenMissingClaim() {
        String token = RawClaims.valid().without("iat").signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenIatMissingAndLifetimeUnboundedAndNoAgeLimitThenAccepted() {
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().without("iat").signRs256();

        assertThat(unbounded.verify(token).issuedAt()).isEmpty();
    }

    @Test
    void verifyWhenIatMissingAndOnlyAgeLimitedThenMissingClaim() {
        TokenVerifier ageOnly = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .maxTokenAge(Duration.ofMinutes(5)).acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().without("iat").signRs256();

        assertRejected(ageOnly, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenAgeExceedsMaxPlusSkewThenTooOld() {
        // max age 60 s + skew 30 s: issued 91 s ago is too old
        TokenVerifier oneMinute = TokenVerifier.create(TestConfigs.rsa().maxTokenAge(Duration.ofSeconds(60)).build());
        String token = RawClaims.valid().withTime("iat", -91).withTime("exp", 200).signRs256();

        assertRejected(oneMinute, token, RejectionReason.TOO_OLD);
    }

    @Test
    void verifyWhenAgeOverMaxButWithinSkewThenStillTooOld() {
        TokenVerifier oneMinute = TokenVerifier.create(TestConfigs.rsa().maxTokenAge(Duration.ofSeconds(60)).build());
        String atMax = RawClaims.valid().withTime("iat", -60).withTime("exp", 200).signRs256();
        String overMax = RawClaims.valid().withTime("iat", -61).withTime("exp", 200).signRs256();

        assertThat(oneMinute.verify(atMax).getName()).isEqualTo("jdoe@example.com");
        assertThatThrownBy(() -> oneMinute.verify(overMax)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_OLD));
    }

    @Test
    void verifyWhenAgeLimitedAndNoSkewThenOneSecondOverMaxIsTooOld() {
        TokenVerifier strict = TokenVerifier.create(TestConfigs.rsa().clockSkew(Duration.ZERO)
                .maxTokenAge(Duration.ofSeconds(60)).build());
        String atMax = RawClaims.valid().withTime("iat", -60).withTime("exp", 200).signRs256();
        String overMax = RawClaims.valid().withTime("iat", -61).withTime("exp", 200).signRs256();

        assertThat(strict.verify(atMax).getName()).isEqualTo("jdoe@example.com");
        assertRejected(strict, overMax, RejectionReason.TOO_OLD);
    }

    @Test
    void verifyWhenTokenStillUnexpiredButOlderThanMaxAgeThenTooOld() {
        // a long-but-allowed lifetime does not extend the age limit
        TokenVerifier tenMinutes = TokenVerifier.create(TestConfigs.rsa().maxTokenAge(Duration.ofMinutes(10)).build());
        String token = RawClaims.valid().withTime("iat", -1_800).withTime("exp", 1_800).signRs256();

        assertRejected(tenMinutes, token, RejectionReason.TOO_OLD);
    }

    @Test
    void verifyWhenLifetimeUnboundedAndAcknowledgedThenOneYearTokenAccepted() {
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().withTime("iat", -10).withTime("exp", YEAR).signRs256();

        assertThat(unbounded.verify(token).getExpirationTime()).isEqualTo(TestConfigs.NOW.getEpochSecond() + YEAR);
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

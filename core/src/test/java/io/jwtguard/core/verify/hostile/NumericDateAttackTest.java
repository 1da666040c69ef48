package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NumericDate abuse (RFC 7519 section 2): {@code exp}, {@code iat} and {@code nbf} of the wrong
 * JSON type, negative, after 9999-12-31, or too large for any integer type must be refused as
 * {@link RejectionReason#INVALID_CLAIM}; fractions are truncated toward the past, so they can
 * never extend a token's life.
 */
class NumericDateAttackTest {
    private static final long NOW = TestConfigs.NOW.getEpochSecond();
    /** 9999-12-31T23:59:59Z. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());
    private final TokenVerifier noSkew = TokenVerifier.create(TestConfigs.rsa().clockSkew(Duration.ZERO).build());

    static Stream<Arguments> malformedNumericDates() {
        List<String> values = List.of(
                "\"" + (NOW + 60) + "\"",          // number as a string
                "\"2026-01-01T00:01:00Z\"",        // ISO date string
                "true",
                "false",
                "[" + (NOW + 60) + "]",             // array around a good value
                "{\"value\":" + (NOW + 60) + "}",  // object around a good value
                "null",
                "-1",
                "-0.5",
                "-" + (NOW + 60),
                Long.toString(MAX_NUMERIC_DATE + 1),
                "9223372036854775807",             // Long.MAX_VALUE
                "9223372036854775808",             // Long.MAX_VALUE + 1
                "99999999999999999999999",
                "1e400",
                "1E+400",
                "1.0e19",
                "-1e400",
                "253402300799.5");                 // fraction past the maximum
        List<Arguments> arguments = new ArrayList<>();
        for (String claim : List.of("exp", "iat", "nbf")) {
            for (String value : values) {
                arguments.add(Arguments.of(claim, value));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("malformedNumericDates")
    void verifyWhenNumericDateMalformedThenInvalidClaim(String claim, String rawValue) {
        String token = RawClaims.valid().withRaw(claim, rawValue).signRs256();

        assertRejected(verifier, token, RejectionReason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenAllNumericDatesWellFormedThenAccepted() {
        String token = RawClaims.valid().withTime("nbf", -10).signRs256();

        assertThat(verifier.verify(token).expiresAt().getEpochSecond()).isEqualTo(NOW + 290);
    }

    @Test
    void verifyWhenExpIsLargestNumericDateAndLifetimeUnboundedThenAccepted() {
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().with("exp", MAX_NUMERIC_DATE).signRs256();

        assertThat(unbounded.verify(token).expiresAt().getEpochSecond()).isEqualTo(MAX_NUMERIC_DATE);
    }

    @Test
    void verifyWhenExpOneSecondPastLargestNumericDateAndLifetimeUnboundedThenInvalidClaim() {
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().with("exp", MAX_NUMERIC_DATE + 1).signRs256();

        assertRejected(unbounded, token, RejectionReason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenExpHalfSecondAfterNowAndNoSkewThenExpiredBecauseTruncated() {
        String token = RawClaims.valid().withRaw("exp", NOW + ".5").signRs256();

        assertRejected(noSkew, token, RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenExpJustUnderOneSecondAfterNowAndNoSkewThenExpiredBecauseTruncated() {
        String token = RawClaims.valid().withRaw("exp", NOW + ".999999999999").signRs256();

        assertRejected(noSkew, token, RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenExpFractionAtSkewBoundaryThenExpiredBecauseTruncated() {
        // now - skew = NOW - 30; exp = NOW - 29.9 truncates to NOW - 30, which is expired
        String token = RawClaims.valid().withRaw("exp", (NOW - 30) + ".9").signRs256();

        assertRejected(verifier, token, RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenExpOneSecondAndAFractionAfterNowAndNoSkewThenAcceptedWithWholeSeconds() {
        String token = RawClaims.valid().withRaw("exp", (NOW + 1) + ".25").signRs256();

        VerifiedToken verified = noSkew.verify(token);

        assertThat(verified.expiresAt().getEpochSecond()).isEqualTo(NOW + 1);
        assertThat(verified.getExpirationTime()).isEqualTo(NOW + 1);
    }

    @Test
    void verifyWhenExpFractionalInTheFutureThenAccepted() {
        String token = RawClaims.valid().withRaw("exp", (NOW + 60) + ".75").signRs256();

        assertThat(verifier.verify(token).expiresAt().getEpochSecond()).isEqualTo(NOW + 60);
    }

    @Test
    void verifyWhenExpInExponentNotationThenReadAsNumber() {
        // 1.76722566E9 = NOW + 60
        assertThat(NOW).isEqualTo(1_767_225_600L);
        String future = RawClaims.valid().withRaw("exp", "1.76722566E9").signRs256();
        String past = RawClaims.valid().withRaw("exp", "1.7672256E9").signRs256();

        assertThat(noSkew.verify(future).expiresAt().getEpochSecond()).isEqualTo(NOW + 60);
        assertRejected(noSkew, past, RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenIatFractionalJustPastSkewThenTruncatedAndAccepted() {
        // iat = NOW + 30.5 truncates to NOW + 30 = now + skew, the last accepted second
        String token = RawClaims.valid().withRaw("iat", (NOW + 30) + ".5").withTime("exp", 300).signRs256();

        assertThat(verifier.verify(token).issuedAt()).hasValueSatisfying(
                iat -> assertThat(iat.getEpochSecond()).isEqualTo(NOW + 30));
    }

    @Test
    void verifyWhenIatWholeSecondPastSkewThenIssuedInFuture() {
        String token = RawClaims.valid().withRaw("iat", (NOW + 31) + ".0").withTime("exp", 300).signRs256();

        assertRejected(verifier, token, RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void verifyWhenNbfHasFractionThenTruncatedAndAccepted() {
        String token = RawClaims.valid().withRaw("nbf", (NOW + 30) + ".999").signRs256();

        assertThat(verifier.verify(token).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenExpIsZeroThenExpired() {
        String token = RawClaims.valid().withRaw("exp", "0").without("iat").signRs256();
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());

        assertRejected(unbounded, token, RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenExpIsNegativeZeroThenTreatedAsZeroAndExpired() {
        String token = RawClaims.valid().withRaw("exp", "-0").without("iat").signRs256();
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());

        assertRejected(unbounded, token, RejectionReason.EXPIRED);
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

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
 * A token issued in the future (beyond the clock skew) was minted by a broken or malicious
 * issuer, or pre-minted to outlive a revocation; it is refused as
 * {@link RejectionReason#ISSUED_IN_FUTURE}. Skew is 30 s by default.
 */
class FutureIssuedAtTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());

    @Test
    void verifyWhenIatOneSecondBeyondSkewThenIssuedInFuture() {
        String token = RawClaims.valid().withTime("iat", 31).withTime("exp", 331).signRs256();

        assertRejected(verifier, token, RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void verifyWhenIatExactlyAtSkewThenAccepted() {
        String token = RawClaims.valid().withTime("iat", 30).withTime("exp", 330).signRs256();

        assertThat(verifier.verify(token).getIssuedAtTime()).isEqualTo(TestConfigs.NOW.getEpochSecond() + 30);
    }

    @Test
    void verifyWhenIatWithinSkewThenAccepted() {
        String token = RawClaims.valid().withTime("iat", 5).withTime("exp", 305).signRs256();

        assertThat(verifier.verify(token).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void verifyWhenIatFarInTheFutureThenIssuedInFuture() {
        String token = RawClaims.valid().withTime("iat", 86_400).withTime("exp", 86_700).signRs256();

        assertRejected(verifier, token, RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void verifyWhenIatIsLargestNumericDateThenIssuedInFuture() {
        String token = RawClaims.valid().with("iat", 253_402_300_799L).with("exp", 253_402_300_799L).signRs256();

        assertRejected(verifier, token, RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void verifyWhenNoSkewAndIatOneSecondAheadThenIssuedInFuture() {
        TokenVerifier noSkew = TokenVerifier.create(TestConfigs.rsa().clockSkew(Duration.ZERO).build());
        String ahead = RawClaims.valid().withTime("iat", 1).withTime("exp", 301).signRs256();
        String now = RawClaims.valid().withTime("iat", 0).withTime("exp", 300).signRs256();

        assertRejected(noSkew, ahead, RejectionReason.ISSUED_IN_FUTURE);
        assertThat(noSkew.verify(now).getIssuedAtTime()).isEqualTo(TestConfigs.NOW.getEpochSecond());
    }

    @Test
    void verifyWhenLargerSkewConfiguredThenIatWithinItAccepted() {
        TokenVerifier wideSkew = TokenVerifier.create(TestConfigs.rsa().clockSkew(Duration.ofMinutes(2)).build());
        String inside = RawClaims.valid().withTime("iat", 120).withTime("exp", 420).signRs256();
        String outside = RawClaims.valid().withTime("iat", 121).withTime("exp", 421).signRs256();

        assertThat(wideSkew.verify(inside).getName()).isEqualTo("jdoe@example.com");
        assertRejected(wideSkew, outside, RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void verifyWhenLifetimeUnboundedAndNoAgeLimitThenFutureIatStillRefused() {
        // the future check must not depend on a lifetime or age limit being configured
        TokenVerifier unbounded = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).build());
        String token = RawClaims.valid().withTime("iat", 3_600).withTime("exp", 7_200).signRs256();

        assertRejected(unbounded, token, RejectionReason.ISSUED_IN_FUTURE);
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

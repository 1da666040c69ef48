package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;

/** The two outcomes every hostile-token test asserts: refused for exactly one reason, or accepted. */
final class HostileAssertions {
    private HostileAssertions() {
    }

    /** Asserts that {@code verifier} refuses {@code token} with exactly {@code reason}. */
    static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).as("rejection reason").isEqualTo(reason));
    }

    /** Asserts that {@code verifier} accepts {@code token} as the principal of {@code TokenFactory.claims}. */
    static VerifiedToken assertAccepted(TokenVerifier verifier, String token) {
        VerifiedToken verified = verifier.verify(token);
        assertThat(verified.getName()).isEqualTo("jdoe@example.com");
        return verified;
    }
}

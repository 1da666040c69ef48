package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import org.junit.jupiter.api.Test;

class TokenVerifierSmokeTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());

    @Test
    void verifyWhenValidRs256ThenReturnsPrincipalAndGroups() {
        VerifiedToken token = verifier.verify(TestConfigs.validRs256());

        assertThat(token.getName()).isEqualTo("jdoe@example.com");
        assertThat(token.getGroups()).containsExactlyInAnyOrder("user", "admin");
        assertThat(token.getIssuer()).isEqualTo(TokenFactory.ISSUER);
        assertThat(token.getAudience()).containsExactly(TokenFactory.AUDIENCE);
        assertThat(token.getRawToken()).contains(".");
        assertThat(token.getExpirationTime()).isEqualTo(TestConfigs.NOW.getEpochSecond() - 10 + 300);
    }

    @Test
    void verifyWhenSignedByOtherKeyThenInvalidSignature() {
        String token = TokenFactory.sign(TokenFactory.header("RS256"),
                TokenFactory.claims(TestConfigs.NOW.getEpochSecond()), "RS256", TestKeys.RSA_2048_OTHER.getPrivate());

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_SIGNATURE));
    }
}

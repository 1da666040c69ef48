package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.RevocationCheck;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * A revoked token (RFC 7009, logout, admin revoke) is refused as {@link RejectionReason#REVOKED}
 * even though its signature and claims are valid; other tokens are unaffected.
 */
class RevokedTokenTest {
    private final List<JsonWebToken> seen = new ArrayList<>();
    private final RevocationCheck revokedJti = token -> {
        seen.add(token);
        return token.getTokenID() != null && Set.of("id-1", "id-9").contains(token.getTokenID());
    };
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().revocationCheck(revokedJti).build());

    @Test
    void verifyWhenJtiRevokedThenRevoked() {
        assertRejected(verifier, RawClaims.valid().signRs256(), RejectionReason.REVOKED);
    }

    @Test
    void verifyWhenOtherJtiThenAccepted() {
        String token = RawClaims.valid().withString("jti", "id-2").signRs256();

        assertThat(verifier.verify(token).getTokenID()).isEqualTo("id-2");
    }

    @Test
    void verifyWhenNoJtiThenAcceptedByJtiCheck() {
        String token = RawClaims.valid().without("jti").signRs256();

        assertThat(verifier.verify(token).getTokenID()).isNull();
    }

    @Test
    void verifyWhenRevokedThenCheckSawTheVerifiedToken() {
        String token = RawClaims.valid().withString("jti", "id-9").signRs256();

        assertRejected(verifier, token, RejectionReason.REVOKED);
        assertThat(seen).singleElement().satisfies(t -> {
            assertThat(t.getTokenID()).isEqualTo("id-9");
            assertThat(t.getName()).isEqualTo("jdoe@example.com");
            assertThat(t.getRawToken()).isEqualTo(token);
        });
    }

    @Test
    void verifyWhenRevokedAndAlsoExpiredThenExpiredAndRevocationNotConsulted() {
        // revocation runs last, after every claim rule: no store lookup for tokens that fail anyway
        String token = RawClaims.valid().withTime("iat", -400).withTime("exp", -100).signRs256();

        assertRejected(verifier, token, RejectionReason.EXPIRED);
        assertThat(seen).isEmpty();
    }

    @Test
    void verifyWhenSubjectRevokedThenRevoked() {
        AtomicInteger calls = new AtomicInteger();
        TokenVerifier bySubject = TokenVerifier.create(TestConfigs.rsa().revocationCheck(token -> {
            calls.incrementAndGet();
            return "user-1".equals(token.getSubject());
        }).build());
        String other = RawClaims.valid().withString("sub", "user-2").signRs256();

        assertRejected(bySubject, RawClaims.valid().signRs256(), RejectionReason.REVOKED);
        assertThat(bySubject.verify(other).getSubject()).isEqualTo("user-2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void verifyWhenNoRevocationCheckConfiguredThenSameTokenAccepted() {
        TokenVerifier plain = TokenVerifier.create(TestConfigs.rsa().build());

        assertThat(plain.verify(RawClaims.valid().signRs256()).getTokenID()).isEqualTo("id-1");
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

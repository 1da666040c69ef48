package io.jwtguard.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.dpop.DPoPBinding;
import io.jwtguard.core.refresh.RefreshEventType;
import io.jwtguard.core.refresh.RefreshFailure;
import io.jwtguard.core.refresh.RefreshRejectedException;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.testing.TokenServiceFixture;
import io.jwtguard.core.verify.VerifiedToken;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DPoP on the issuing side (RFC 9449 section 5): tokens issued for a proven key carry {@code cnf.jkt},
 * their refresh family is bound to the key, and a refresh without that key changes nothing.
 */
class DPoPBoundTokenServiceTest {
    /** RFC 7638 thumbprints are base64url SHA-256: 43 characters. */
    private static final String KEY = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    private static final String OTHER_KEY = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

    private final TokenServiceFixture node = TokenServiceFixture.inMemory(RefreshSettings.DEFAULTS);

    private TokenPair login(String thumbprint) {
        return node.service.issue("alice", TokenServiceFixture.CLIENT, Set.of("orders:read"), Set.of("user"),
                thumbprint);
    }

    private Optional<String> cnfJkt(TokenPair pair) {
        VerifiedToken token = node.verifier.verify(pair.accessToken().value());
        return DPoPBinding.thumbprint(token.claims());
    }

    private TokenPair refresh(TokenPair pair, String thumbprint) {
        return node.service.refresh(pair.refreshToken().value(), TokenServiceFixture.CLIENT, null, thumbprint);
    }

    @Test
    void issueWhenProofKeyThenAccessTokenCarriesCnfJktAndFamilyIsBound() {
        TokenPair pair = login(KEY);

        assertThat(cnfJkt(pair)).contains(KEY);
        assertThat(pair.dpopThumbprint()).contains(KEY);
        assertThat(pair.refreshToken().family().dpopThumbprint()).isEqualTo(KEY);
    }

    @Test
    void issueWhenNoProofKeyThenBearerTokenWithoutCnf() {
        TokenPair pair = login(null);

        VerifiedToken token = node.verifier.verify(pair.accessToken().value());
        assertThat(DPoPBinding.isBound(token.claims())).isFalse();
        assertThat(pair.dpopThumbprint()).isEmpty();
    }

    @Test
    void refreshWhenSameKeyThenRotatesAndNewAccessTokenKeepsBinding() {
        TokenPair first = login(KEY);
        node.clock.advance(Duration.ofMinutes(4));

        TokenPair second = refresh(first, KEY);
        TokenPair third = refresh(second, KEY);

        assertThat(second.refreshToken().value()).isNotEqualTo(first.refreshToken().value());
        assertThat(cnfJkt(second)).contains(KEY);
        assertThat(cnfJkt(third)).contains(KEY);
        assertThat(third.dpopThumbprint()).contains(KEY);
    }

    @Test
    void refreshWhenBoundAndNoProofThenDpopProofRequiredAndTokenStillUsableWithKey() {
        TokenPair pair = login(KEY);

        assertThatThrownBy(() -> refresh(pair, null)).isInstanceOfSatisfying(RefreshRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_PROOF_REQUIRED);
            assertThat(e.reason().errorCode()).isEqualTo("invalid_dpop_proof");
            assertThat(e.reason().httpStatus()).isEqualTo(400);
        });
        // the plain overload is a refresh without a proof too
        assertThatThrownBy(() -> node.service.refresh(pair.refreshToken().value(), TokenServiceFixture.CLIENT, null))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_PROOF_REQUIRED));

        // nothing rotated: the same token still works for the key's holder, and is not taken for reuse
        assertThat(cnfJkt(refresh(pair, KEY))).contains(KEY);
        assertThat(node.events).noneMatch(e -> e.type() == RefreshEventType.REUSE_DETECTED);
    }

    @Test
    void refreshWhenBoundAndProofByAnotherKeyThenKeyMismatchFamilyIntactAndEventRaised() {
        TokenPair pair = login(KEY);

        assertThatThrownBy(() -> refresh(pair, OTHER_KEY)).isInstanceOfSatisfying(RefreshRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_KEY_MISMATCH));

        assertThat(node.events).extracting(e -> e.type()).containsExactly(RefreshEventType.DPOP_KEY_MISMATCH);
        TokenPair next = refresh(pair, KEY);
        assertThat(cnfJkt(next)).contains(KEY);
        assertThat(node.verifier.verify(pair.accessToken().value()).getSubject()).isEqualTo("alice");
    }

    @Test
    void refreshWhenThiefPresentsRotatedTokenWithoutKeyThenNoReuseRevocation() {
        TokenPair stolen = login(KEY);
        TokenPair current = refresh(stolen, KEY); // the legitimate client rotated; the thief kept the old one

        for (String thiefKey : new String[] {null, OTHER_KEY}) {
            assertThatThrownBy(() -> refresh(stolen, thiefKey)).isInstanceOfSatisfying(RefreshRejectedException.class,
                    e -> assertThat(e.reason().errorCode()).isEqualTo("invalid_dpop_proof"));
        }

        // the legitimate session lives on: no reuse detection was triggered by the key-less attempts
        assertThat(node.events).noneMatch(e -> e.type() == RefreshEventType.REUSE_DETECTED);
        assertThat(cnfJkt(refresh(current, KEY))).contains(KEY);
        // the key's holder presenting a rotated token is still reuse, and revokes the family
        assertThatThrownBy(() -> refresh(stolen, KEY)).isInstanceOfSatisfying(RefreshRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RefreshFailure.REUSE_DETECTED));
    }

    @Test
    void refreshWhenUnboundFamilyAndProofThenStaysUnbound() {
        TokenPair pair = login(null);

        TokenPair refreshed = refresh(pair, KEY);
        TokenPair again = refresh(refreshed, null);

        assertThat(cnfJkt(refreshed)).isEmpty();
        assertThat(refreshed.dpopThumbprint()).isEmpty();
        assertThat(cnfJkt(again)).isEmpty();
    }

    @Test
    void revokeWhenBoundRefreshTokenWithoutKeyThenRefusedAndFamilyIntact() {
        TokenPair pair = login(KEY);

        assertThatThrownBy(() -> node.service.revoke(pair.refreshToken().value(), null))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_PROOF_REQUIRED));
        assertThatThrownBy(() -> node.service.revoke(pair.refreshToken().value(), OTHER_KEY))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.DPOP_KEY_MISMATCH));
        assertThat(node.verifier.verify(pair.accessToken().value()).getSubject()).isEqualTo("alice");

        assertThat(node.service.revoke(pair.refreshToken().value(), KEY)).isTrue();
        assertThatThrownBy(() -> refresh(pair, KEY)).isInstanceOfSatisfying(RefreshRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RefreshFailure.FAMILY_REVOKED));
    }

    @Test
    void revokeWhenUnboundRefreshTokenWithoutProofThenRevoked() {
        TokenPair pair = login(null);

        assertThat(node.service.revoke(pair.refreshToken().value(), null)).isTrue();
    }
}

package io.jwtguard.core.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenServiceFixture;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Log out everywhere" through {@link RevocationService}: epochs, grants, and tokens without an epoch. */
class RevocationServiceTest {
    private static final Duration SKEW = VerifierConfig.DEFAULT_CLOCK_SKEW;
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final MutableClock clockA = new MutableClock(TestConfigs.NOW);
    private final MutableClock clockB = new MutableClock(TestConfigs.NOW.plus(SKEW)); // the whole skew ahead
    private final TokenServiceFixture nodeA = new TokenServiceFixture(store, store, clockA,
            TokenServiceFixture.ring(clockA), RefreshSettings.DEFAULTS, Duration.ZERO);
    private final TokenServiceFixture nodeB = new TokenServiceFixture(store, store, clockB, nodeA.ring,
            RefreshSettings.DEFAULTS, Duration.ZERO);

    @Test
    void revokeSubjectWhenTokenWithoutEpochIssuedByNodeAheadBySkewThenRevokedAndOneIssuedAfterTheSkewAccepted() {
        // signed outside the token service: no sid, no epoch; iat is node B's, 30 s after node A's clock
        String before = nodeB.service.accessTokens().issue("gina", "web", Set.of(), Set.of()).value();
        clockA.advance(Duration.ofMillis(500));
        clockB.advance(Duration.ofMillis(500));

        nodeA.service.revokeSubject("gina");

        assertRevoked(nodeA, before);
        assertRevoked(nodeB, before);
        clockA.advance(SKEW.plusSeconds(1));
        clockB.advance(SKEW.plusSeconds(1));
        String after = nodeA.service.accessTokens().issue("gina", "web", Set.of(), Set.of()).value();
        assertThat(nodeA.verifier.verify(after).getSubject()).isEqualTo("gina");
        assertThat(nodeB.verifier.verify(after).getSubject()).isEqualTo("gina");
    }

    @Test
    void revokeSubjectWhenCalledAgainInTheSameMillisecondFromANodeBehindThenTokensIssuedBetweenRevoked() {
        nodeB.service.revokeSubject("hal"); // node B, ahead: its cut-off is later than anything node A would set
        TokenPair between = nodeA.service.issue("hal", "web", Set.of(), Set.of());
        assertThat(nodeA.verifier.verify(between.accessToken().value()).getSubject()).isEqualTo("hal");

        nodeA.service.revokeSubject("hal"); // same instant, clock 30 s behind: still a new epoch

        assertRevoked(nodeA, between.accessToken().value());
        assertRevoked(nodeB, between.accessToken().value());
        TokenPair after = nodeA.service.issue("hal", "web", Set.of(), Set.of());
        assertThat(nodeA.verifier.verify(after.accessToken().value()).getSubject()).isEqualTo("hal");
        assertThat(nodeB.verifier.verify(after.accessToken().value()).getSubject()).isEqualTo("hal");
    }

    @Test
    void revokeSubjectWhenDoneThenEveryFamilyOfTheSubjectHasItsGrantRevokedOthersNot() {
        TokenPair laptop = nodeA.service.issue("ivy", "web", Set.of(), Set.of());
        TokenPair phone = nodeB.service.issue("ivy", "web", Set.of(), Set.of());
        TokenPair other = nodeA.service.issue("jon", "web", Set.of(), Set.of());

        assertThat(nodeA.service.revocation().revokeSubject("ivy")).isEqualTo(2);

        assertThat(store.snapshot(clockA.instant()).revokedGrants()).containsOnlyKeys(
                laptop.refreshToken().family().familyId(), phone.refreshToken().family().familyId());
        assertRevoked(nodeB, laptop.accessToken().value());
        assertRevoked(nodeA, phone.accessToken().value());
        assertThat(nodeB.verifier.verify(other.accessToken().value()).getSubject()).isEqualTo("jon");
        assertThat(store.subjectEpoch("jon")).isZero();
        assertThat(store.subjectEpoch("ivy")).isEqualTo(clockA.instant().plus(SKEW).toEpochMilli());
    }

    private static void assertRevoked(TokenServiceFixture node, String token) {
        assertThatThrownBy(() -> node.verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REVOKED));
    }
}

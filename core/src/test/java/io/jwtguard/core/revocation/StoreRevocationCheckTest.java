package io.jwtguard.core.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.store.RevocationSnapshot;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.testing.ForwardingRevocationStore;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store-backed revocation check: reload coordination and tokens without {@code iat}. */
class StoreRevocationCheckTest {
    private static final Duration POLL = Duration.ofSeconds(5);
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void refreshNowWhenReloadInProgressReadTheOldListThenNextCheckSeesTheRevocation() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        PausingStore pausing = new PausingStore(store);
        StoreRevocationCheck check = new StoreRevocationCheck(pausing, clock, POLL, Duration.ZERO);
        assertThat(check.current().revokes("jti-1", "alice", 1)).isFalse(); // first load
        clock.advance(POLL); // the next verification reloads

        pausing.pauseNextRead();
        Future<Boolean> inProgress = pool.submit(() -> check.current().revokes("jti-1", "alice", 1));
        assertThat(pausing.read.await(10, TimeUnit.SECONDS)).isTrue(); // it has read the list without jti-1
        store.revokeAccessToken("jti-1", clock.instant().plusSeconds(300)); // the revocation commits
        check.refreshNow(); // as RevocationService does after it
        pausing.release.countDown();
        assertThat(inProgress.get(10, TimeUnit.SECONDS)).isFalse(); // began before the revocation: may miss it

        // the very next verification on this node enforces it, at the same instant
        assertThat(check.current().revokes("jti-1", "alice", 1)).isTrue();
        assertThat(check.current().revokes("jti-2", "alice", 1)).isFalse(); // other tokens unaffected
        assertThat(pausing.reads).isEqualTo(3);
    }

    @Test
    void isRevokedWhenTokenHasNoIatThenNoExceptionAndRevokedOnlyByCutoffJtiOrSid() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        StoreRevocationCheck check = new StoreRevocationCheck(store, clock, Duration.ZERO, Duration.ZERO);
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().maxLifetime(null)
                .acknowledge(Set.of(FindingCode.UNBOUNDED_LIFETIME)).revocationCheck(check).clock(clock).build());
        String noIat = RawClaims.valid().without("iat").signRs256();
        String otherJti = RawClaims.valid().without("iat").withString("jti", "id-2").signRs256();
        String withSid = RawClaims.valid().without("iat").withString("jti", "id-3").withString("sid", "family-1")
                .signRs256();
        String otherSubject = RawClaims.valid().without("iat").withString("sub", "user-2").withString("jti", "id-4")
                .signRs256();

        // no revocation at all: a decision, not a NullPointerException
        assertThat(verifier.verify(noIat).getSubject()).isEqualTo("user-1");

        store.revokeAccessToken("id-1", TestConfigs.NOW.plusSeconds(300));
        assertRevoked(verifier, noIat);
        assertThat(verifier.verify(otherJti).getTokenID()).isEqualTo("id-2");

        store.revokeGrant("family-1", TestConfigs.NOW.plusSeconds(300));
        assertRevoked(verifier, withSid);

        // a token without iat cannot be shown to be after a cut-off: issued before it
        store.revokeSubject("user-1", TestConfigs.NOW.minusSeconds(3600), TestConfigs.NOW.plusSeconds(3600));
        assertRevoked(verifier, otherJti);
        assertThat(verifier.verify(otherSubject).getSubject()).isEqualTo("user-2");
    }

    private static void assertRevoked(TokenVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REVOKED));
    }

    /** Delegates; when asked, one read takes its snapshot, reports, then waits before returning it. */
    private static final class PausingStore extends ForwardingRevocationStore {
        private final AtomicBoolean pause = new AtomicBoolean();
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile int reads;

        PausingStore(RevocationStore delegate) {
            super(delegate);
        }

        void pauseNextRead() {
            pause.set(true);
        }

        @Override
        public RevocationSnapshot snapshot(Instant now) {
            reads++;
            RevocationSnapshot snapshot = super.snapshot(now);
            if (pause.compareAndSet(true, false)) {
                read.countDown();
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return snapshot;
        }
    }
}

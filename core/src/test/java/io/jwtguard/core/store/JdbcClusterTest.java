package io.jwtguard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.refresh.IssuedRefreshToken;
import io.jwtguard.core.refresh.RefreshEventType;
import io.jwtguard.core.refresh.RefreshFailure;
import io.jwtguard.core.refresh.RefreshRejectedException;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.refresh.OpaqueTokens;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.Postgres;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TokenServiceFixture;
import io.jwtguard.core.issue.SigningKeyRing;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes over one real PostgreSQL 17: each node has its own store instance and its
 * own connection pool. Shows that concurrent refreshes of one token let exactly one through and
 * revoke the family, that a revocation reaches the other node within the poll interval, that the
 * nodes fail closed when the database goes away, and measures refresh throughput.
 */
class JdbcClusterTest {
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration SKEW = io.jwtguard.core.verify.VerifierConfig.DEFAULT_CLOCK_SKEW;
    private static final int THREADS_PER_NODE = 16;
    private static final int ROUNDS = 20;

    private static String url;
    private static JdbcConnectionPool poolA;
    private static JdbcConnectionPool poolB;
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private TokenServiceFixture nodeA;
    private TokenServiceFixture nodeB;

    @BeforeAll
    static void database() {
        url = Postgres.newDatabase();
        poolA = Postgres.pool(url, 8);
        poolB = Postgres.pool(url, 8);
    }

    @AfterAll
    static void close() {
        poolA.close();
        poolB.close();
    }

    private void nodes(RefreshSettings settings) {
        SigningKeyRing shared = TokenServiceFixture.ring(clock); // clusters share a configured key
        JdbcTokenStore storeA = new JdbcTokenStore(poolA);
        JdbcTokenStore storeB = new JdbcTokenStore(poolB);
        nodeA = new TokenServiceFixture(storeA, storeA, clock, shared, settings, POLL);
        nodeB = new TokenServiceFixture(storeB, storeB, clock, shared, settings, POLL);
    }

    @Test
    void refreshWhenManyThreadsOnTwoNodesRaceOnOneTokenThenExactlyOneWinsAndFamilyRevoked() throws Exception {
        nodes(RefreshSettings.DEFAULTS);
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        int totalSuccesses = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TokenPair login = nodeA.service.issue("user-" + round, "web", Set.of("orders"), Set.of());
                String token = login.refreshToken().value();
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger successes = new AtomicInteger();
                AtomicInteger reuse = new AtomicInteger();
                List<Future<?>> futures = new ArrayList<>();
                List<TokenPair> winners = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                    TokenServiceFixture node = t % 2 == 0 ? nodeA : nodeB;
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            winners.add(node.service.refresh(token, "web", null));
                            successes.incrementAndGet();
                        } catch (RefreshRejectedException e) {
                            if (e.reason() == RefreshFailure.REUSE_DETECTED || e.reason() == RefreshFailure.FAMILY_REVOKED) {
                                reuse.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(successes.get()).as("round %d successes", round).isEqualTo(1);
                assertThat(reuse.get()).isEqualTo(2 * THREADS_PER_NODE - 1);
                assertThat(nodeB.refresh.revokeFamily(login.refreshToken().family().familyId()))
                        .as("family already revoked").isFalse();
                String winnerToken = winners.get(0).refreshToken().value();
                assertThatThrownBy(() -> nodeB.service.refresh(winnerToken, "web", null))
                        .isInstanceOfSatisfying(RefreshRejectedException.class,
                                e -> assertThat(e.reason()).isEqualTo(RefreshFailure.FAMILY_REVOKED));
                totalSuccesses += successes.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long reuseEvents = nodeA.events.stream().filter(e -> e.type() == RefreshEventType.REUSE_DETECTED).count()
                + nodeB.events.stream().filter(e -> e.type() == RefreshEventType.REUSE_DETECTED).count();
        assertThat(reuseEvents).isEqualTo(ROUNDS); // one event per family, whichever node saw it first
        System.out.printf("[measure] concurrent refresh: %d rounds x %d threads over 2 nodes: %d successes "
                + "(1 per round), %d families revoked, %d reuse events%n", ROUNDS, 2 * THREADS_PER_NODE,
                totalSuccesses, ROUNDS, reuseEvents);
    }

    @Test
    void revokeWhenOnOneNodeThenOtherNodeRefusesWithinPollIntervalCacheHitsIncluded() {
        nodes(RefreshSettings.DEFAULTS);
        TokenPair pair = nodeA.service.issue("alice", "web", Set.of(), Set.of());
        String access = pair.accessToken().value();
        assertThat(nodeB.verifier.verify(access).getSubject()).isEqualTo("alice"); // node B loads the list, caches the token
        assertThat(nodeA.verifier.verify(access).getSubject()).isEqualTo("alice");

        assertThat(nodeA.service.revoke(access)).isTrue(); // committed at R = now

        assertRevoked(nodeA, access); // the revoking node: at once
        clock.advance(POLL.minusMillis(1));
        assertThat(nodeB.verifier.verify(access).getSubject()).isEqualTo("alice"); // inside the bound: still served
        clock.advance(Duration.ofMillis(1));
        assertRevoked(nodeB, access); // R + poll interval: refused, from the cache as much as fresh
        System.out.printf("[measure] revocation propagation: refused on the other node %d ms after the revocation "
                + "(bound = poll interval %d ms); accepted at %d ms%n", POLL.toMillis(), POLL.toMillis(),
                POLL.toMillis() - 1);
    }

    @Test
    void revokeSubjectWhenOnOneNodeThenOtherNodeRefusesAllTokensOfSubjectWithinBound() {
        nodes(RefreshSettings.DEFAULTS);
        TokenPair one = nodeA.service.issue("bob", "web", Set.of(), Set.of());
        TokenPair two = nodeB.service.issue("bob", "web", Set.of(), Set.of());
        nodeB.verifier.verify(one.accessToken().value());

        nodeA.service.revokeSubject("bob");
        clock.advance(POLL);

        assertRevoked(nodeB, one.accessToken().value());
        assertRevoked(nodeB, two.accessToken().value());
        assertThatThrownBy(() -> nodeB.service.refresh(two.refreshToken().value(), "web", null))
                .isInstanceOf(RefreshRejectedException.class); // refresh families are revoked at once, in the store
    }

    @Test
    void revokeSubjectWhenRefreshRacesAndOtherNodeClockAheadBySkewThenNoEarlierTokenSurvivesOnAnyNode()
            throws Exception {
        // node B's clock runs the whole configured skew (the verifiers' 30 s) ahead of node A's
        MutableClock clockB = new MutableClock(TestConfigs.NOW.plus(SKEW));
        SigningKeyRing shared = TokenServiceFixture.ring(clock);
        JdbcTokenStore storeA = new JdbcTokenStore(poolA);
        JdbcTokenStore storeB = new JdbcTokenStore(poolB);
        CountDownLatch rotated = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        nodeA = new TokenServiceFixture(storeA, storeA, clock, shared, RefreshSettings.DEFAULTS, POLL);
        nodeB = new TokenServiceFixture(io.jwtguard.core.issue.TokenServiceTestAccess.pauseAfterRotate(storeB,
                rotated, go), storeB, clockB, shared, RefreshSettings.DEFAULTS, POLL);
        TokenPair laptop = nodeB.service.issue("erin", "web", Set.of(), Set.of()); // iat 30 s after A's clock
        TokenPair phone = nodeA.service.issue("erin", "web", Set.of(), Set.of());
        TokenPair bob = nodeB.service.issue("bob-" + System.nanoTime(), "web", Set.of(), Set.of());
        // an access token issued without a grant (no sid), on the node whose clock is ahead
        String grantless = nodeB.service.accessTokens().issue("erin", "web", Set.of(), Set.of()).value();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // a refresh on node B wins its compare-and-set just before "log out everywhere" on node A ...
            Future<TokenPair> racing = pool.submit(() -> nodeB.service.refresh(laptop.refreshToken().value(), "web",
                    null));
            assertThat(rotated.await(10, TimeUnit.SECONDS)).isTrue();
            nodeA.service.revokeSubject("erin");
            // ... and signs its access token after it returned, in a later second
            clock.advance(Duration.ofSeconds(1));
            clockB.advance(Duration.ofSeconds(1));
            go.countDown();
            TokenPair slipped = racing.get(30, TimeUnit.SECONDS);

            for (String token : List.of(laptop.accessToken().value(), phone.accessToken().value(),
                    slipped.accessToken().value(), grantless)) {
                assertRevoked(nodeA, token); // the revoking node: at once
            }
            clock.advance(POLL);
            clockB.advance(POLL);
            for (TokenServiceFixture node : List.of(nodeA, nodeB)) {
                for (String token : List.of(laptop.accessToken().value(), phone.accessToken().value(),
                        slipped.accessToken().value(), grantless)) {
                    assertRevoked(node, token);
                }
                assertThatThrownBy(() -> node.service.refresh(slipped.refreshToken().value(), "web", null))
                        .isInstanceOf(RefreshRejectedException.class);
                assertThat(node.verifier.verify(bob.accessToken().value()).getSubject()).startsWith("bob-");
            }
            // logging in again works, on either node, and its tokens work on both
            TokenPair againA = nodeA.service.issue("erin", "web", Set.of(), Set.of());
            TokenPair againB = nodeB.service.issue("erin", "web", Set.of(), Set.of());
            for (TokenServiceFixture node : List.of(nodeA, nodeB)) {
                assertThat(node.verifier.verify(againA.accessToken().value()).getSubject()).isEqualTo("erin");
                assertThat(node.verifier.verify(againB.accessToken().value()).getSubject()).isEqualTo("erin");
            }
        } finally {
            go.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void issueWhenLoginRightAfterLogoutEverywhereInSameSecondThenTokensWorkOnBothNodes() {
        nodes(RefreshSettings.DEFAULTS);
        TokenPair before = nodeB.service.issue("frank", "web", Set.of(), Set.of());
        nodeA.verifier.verify(before.accessToken().value());
        nodeB.verifier.verify(before.accessToken().value()); // node B holds a list loaded before the logout
        clock.advance(Duration.ofMillis(200));

        nodeA.service.revokeSubject("frank");
        clock.advance(Duration.ofMillis(1)); // same second
        TokenPair onA = nodeA.service.issue("frank", "web", Set.of(), Set.of());
        TokenPair onB = nodeB.service.issue("frank", "web", Set.of(), Set.of());

        assertRevoked(nodeA, before.accessToken().value());
        for (TokenServiceFixture node : List.of(nodeA, nodeB)) {
            assertThat(node.verifier.verify(onA.accessToken().value()).getSubject()).isEqualTo("frank");
            assertThat(node.verifier.verify(onB.accessToken().value()).getSubject()).isEqualTo("frank");
        }
        clock.advance(POLL); // node B now has the logout too
        assertRevoked(nodeB, before.accessToken().value());
        for (TokenServiceFixture node : List.of(nodeA, nodeB)) {
            assertThat(node.verifier.verify(onA.accessToken().value()).getSubject()).isEqualTo("frank");
            assertThat(node.verifier.verify(onB.accessToken().value()).getSubject()).isEqualTo("frank");
            TokenPair refreshed = node.service.refresh((node == nodeA ? onA : onB).refreshToken().value(), "web", null);
            assertThat(node.verifier.verify(refreshed.accessToken().value()).getSubject()).isEqualTo("frank");
        }
    }

    @Test
    void verifyWhenStoreUnreachableThenFailsClosedAfterBoundAndRefreshFailsClosed() {
        JdbcConnectionPool dead = new JdbcConnectionPool("jdbc:postgresql://127.0.0.1:1/none", "postgres", "x", 1,
                Duration.ofSeconds(2));
        JdbcTokenStore deadStore = new JdbcTokenStore(dead);
        nodes(RefreshSettings.DEFAULTS);
        TokenPair pair = nodeA.service.issue("carol", "web", Set.of(), Set.of());
        TokenServiceFixture broken = new TokenServiceFixture(deadStore, deadStore, clock, nodeA.ring,
                RefreshSettings.DEFAULTS, POLL);

        assertThatThrownBy(() -> broken.verifier.verify(pair.accessToken().value()))
                .isInstanceOf(VerificationUnavailableException.class); // never "not revoked" on an unreadable list
        assertThatThrownBy(() -> broken.service.refresh(pair.refreshToken().value(), "web", null))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> broken.service.issue("carol", "web", Set.of(), Set.of()))
                .isInstanceOf(StoreUnavailableException.class);
        dead.close();
    }

    @Test
    void refreshWhenSequentialOnPostgresThenMeasureThroughput() throws Exception {
        nodes(RefreshSettings.DEFAULTS);
        int families = 8;
        int perFamily = 250;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < families; i++) {
            tokens.add(nodeA.refresh.start("load-" + i, "web", Set.of(), Set.of()).value());
        }
        // warm-up
        for (int i = 0; i < families; i++) {
            tokens.set(i, nodeA.refresh.rotate(tokens.get(i), "web").value());
        }
        long started = System.nanoTime();
        for (int n = 0; n < perFamily; n++) {
            tokens.set(n % families, nodeA.refresh.rotate(tokens.get(n % families), "web").value());
        }
        double sequential = perFamily / ((System.nanoTime() - started) / 1e9);

        ExecutorService pool = Executors.newFixedThreadPool(families);
        started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < families; i++) {
            int family = i;
            futures.add(pool.submit(() -> {
                String token = tokens.get(family);
                for (int n = 0; n < perFamily; n++) {
                    IssuedRefreshToken next = (family % 2 == 0 ? nodeA : nodeB).refresh.rotate(token, "web");
                    token = next.value();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        double parallel = families * perFamily / ((System.nanoTime() - started) / 1e9);
        pool.shutdown();
        assertThat(sequential).isPositive();
        System.out.printf("[measure] refresh rotations on embedded PostgreSQL 17: %.0f/s sequential (1 thread), "
                + "%.0f/s with %d threads over 2 nodes (8 connections each)%n", sequential, parallel, families);
        assertThat(OpaqueTokens.wellFormed(tokens.get(0))).isTrue();
    }

    private static void assertRevoked(TokenServiceFixture node, String token) {
        assertThatThrownBy(() -> node.verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REVOKED));
    }
}

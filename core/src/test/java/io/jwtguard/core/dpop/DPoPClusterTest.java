package io.jwtguard.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.store.JdbcConnectionPool;
import io.jwtguard.core.store.JdbcReplayCache;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.Postgres;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two resource-server nodes over one real PostgreSQL 17: each node has its own {@link DPoPProofVerifier},
 * its own {@link JdbcReplayCache} and its own connection pool. One proof presented to both nodes at once,
 * from many threads, is accepted exactly once across the cluster; distinct proofs all pass.
 */
class DPoPClusterTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String URI = "https://api.example.com/orders/42";
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final KeyPair EC = Proofs.ec("secp256r1");
    private static final String JKT = DPoPProofVerifierTest.thumbprint(EC);
    private static final int THREADS_PER_NODE = 8;
    private static final int ROUNDS = 25;

    private static JdbcConnectionPool poolA;
    private static JdbcConnectionPool poolB;
    private static ExecutorService threads;
    private final MutableClock clock = new MutableClock(NOW);
    private final DPoPSettings settings = DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED);

    @BeforeAll
    static void database() {
        String url = Postgres.newDatabase();
        poolA = Postgres.pool(url, THREADS_PER_NODE);
        poolB = Postgres.pool(url, THREADS_PER_NODE);
        new JdbcReplayCache(poolA, 1, clock(), Duration.ofSeconds(1), null).applySchema();
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
    }

    private static java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    @AfterAll
    static void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        poolA.close();
        poolB.close();
    }

    private DPoPProofVerifier node(JdbcConnectionPool pool) {
        return new DPoPProofVerifier(settings, new JdbcReplayCache(pool, settings.replayCacheSize(), clock,
                Duration.ofSeconds(1), null), clock);
    }

    private static boolean accepted(DPoPProofVerifier node, String proof) {
        try {
            node.verify(List.of(proof), "GET", URI, TOKEN, Optional.of(JKT));
            return true;
        } catch (DPoPProofException e) {
            assertThat(e.reason()).isEqualTo(DPoPRefusal.DPOP_PROOF_REPLAYED);
            return false;
        }
    }

    @Test
    void verifyWhenOneProofRacesOnTwoNodesFromManyThreadsThenAcceptedExactlyOncePerRound() throws Exception {
        DPoPProofVerifier nodeA = node(poolA);
        DPoPProofVerifier nodeB = node(poolB);
        for (int round = 0; round < ROUNDS; round++) {
            String proof = Proofs.proof(EC, "ES256", "GET", URI, clock.instant().getEpochSecond(), TOKEN);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                DPoPProofVerifier node = t % 2 == 0 ? nodeA : nodeB;
                results.add(threads.submit(() -> {
                    start.await();
                    return accepted(node, proof);
                }));
            }
            start.countDown();
            int acceptedCount = 0;
            for (Future<Boolean> result : results) {
                acceptedCount += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(acceptedCount).as("round %d", round).isEqualTo(1);
            // and later, on either node, it stays a replay
            assertThat(accepted(nodeA, proof)).isFalse();
            assertThat(accepted(nodeB, proof)).isFalse();
            clock.advance(Duration.ofMillis(700));
        }
    }

    @Test
    void verifyWhenDistinctProofsOnBothNodesConcurrentlyThenAllAccepted() throws Exception {
        DPoPProofVerifier nodeA = node(poolA);
        DPoPProofVerifier nodeB = node(poolB);
        int count = 400;
        List<String> proofs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            proofs.add(Proofs.proof(EC, "ES256", "GET", URI, clock.instant().getEpochSecond(), TOKEN));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DPoPProofVerifier node = i % 2 == 0 ? nodeA : nodeB;
            String proof = proofs.get(i);
            results.add(threads.submit(() -> {
                start.await();
                return accepted(node, proof);
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        }
        // each of them once: every one is a replay now, on the other node too
        for (int i = 0; i < count; i += 37) {
            assertThat(accepted(i % 2 == 0 ? nodeB : nodeA, proofs.get(i))).isFalse();
        }
    }

    @Test
    void verifyWhenProofWindowPassedThenStaleNotReplayedAndRowsPurged() {
        DPoPProofVerifier nodeA = node(poolA);
        DPoPProofVerifier nodeB = node(poolB);
        String proof = Proofs.proof(EC, "ES256", "GET", URI, clock.instant().getEpochSecond(), TOKEN);
        assertThat(accepted(nodeA, proof)).isTrue();
        clock.advance(settings.proofMaxAge().plus(settings.clockSkew()).plusSeconds(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nodeB.verify(List.of(proof), "GET", URI, TOKEN,
                Optional.of(JKT))).isInstanceOf(DPoPProofException.class)
                .extracting(e -> ((DPoPProofException) e).reason()).isEqualTo(DPoPRefusal.DPOP_PROOF_STALE);
        String fresh = Proofs.proof(EC, "ES256", "GET", URI, clock.instant().getEpochSecond(), TOKEN);
        assertThat(accepted(nodeB, fresh)).isTrue();
    }
}

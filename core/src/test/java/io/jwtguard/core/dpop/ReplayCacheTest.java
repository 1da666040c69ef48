package io.jwtguard.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void firstUseWhenKeyNewThenTrueAndWhenRepeatedThenFalse() {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, clock, Duration.ofSeconds(5));
        assertThat(cache.firstUse("a", T0.plusSeconds(60))).isTrue();
        assertThat(cache.firstUse("a", T0.plusSeconds(60))).isFalse();
        assertThat(cache.firstUse("b", T0.plusSeconds(60))).isTrue();
    }

    @Test
    void firstUseWhenManyThreadsFillTheCacheThenNeverOverItsBound() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(500, clock, Duration.ofSeconds(5));
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger full = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        try {
                            if (cache.firstUse(thread + "-" + i, T0.plusSeconds(60))) {
                                accepted.incrementAndGet();
                            }
                        } catch (VerificationUnavailableException e) {
                            full.incrementAndGet();
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).isEqualTo(500);
        assertThat(full.get()).isEqualTo(1600 - 500);
        assertThat(cache.size()).isEqualTo(500);
    }

    @Test
    void firstUseWhenFullThenRefusedUntilEntriesExpire() {
        InMemoryReplayCache cache = new InMemoryReplayCache(2, clock, Duration.ofSeconds(5));
        cache.firstUse("a", T0.plusSeconds(60));
        cache.firstUse("b", T0.plusSeconds(90));
        assertThatThrownBy(() -> cache.firstUse("c", T0.plusSeconds(60)))
                .isInstanceOf(VerificationUnavailableException.class);
        assertThat(cache.firstUse("a", T0.plusSeconds(60))).isFalse();
        now.set(T0.plusSeconds(61));
        assertThat(cache.firstUse("c", T0.plusSeconds(120))).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        // "a" expired: a proof that old is refused as stale before it gets here, and the key is free again
        assertThat(cache.firstUse("b", T0.plusSeconds(120))).isFalse();
    }
}

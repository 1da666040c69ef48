package io.jwtguard.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the token service purges: once per interval, one caller of many, never when off. */
class PurgeScheduleTest {
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);

    @Test
    void claimWhenIntervalNotPassedThenFalse() {
        PurgeSchedule schedule = PurgeSchedule.every(Duration.ofMinutes(10), clock);
        clock.advance(Duration.ofMinutes(9));

        assertThat(schedule.claim()).isFalse();
    }

    @Test
    void claimWhenDueThenTrueOnceAndDueAgainOneIntervalLater() {
        PurgeSchedule schedule = PurgeSchedule.every(Duration.ofMinutes(10), clock);
        clock.advance(Duration.ofMinutes(10));

        assertThat(schedule.claim()).isTrue();
        assertThat(schedule.claim()).isFalse();
        clock.advance(Duration.ofMinutes(9));
        assertThat(schedule.claim()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(schedule.claim()).isTrue();
    }

    @Test
    void claimWhenManyThreadsFindItDueThenExactlyOneClaimsPerRound() throws Exception {
        PurgeSchedule schedule = PurgeSchedule.every(Duration.ofMinutes(10), clock);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                clock.advance(Duration.ofMinutes(10));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    claims.add(threads.submit(() -> {
                        start.await();
                        return schedule.claim();
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(won).as("claims in round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void claimWhenOffThenNever() {
        clock.advance(Duration.ofDays(365));

        assertThat(PurgeSchedule.OFF.claim()).isFalse();
        assertThat(PurgeSchedule.OFF.interval()).isEmpty();
    }

    @Test
    void everyWhenIntervalNotPositiveThenRefused() {
        assertThatThrownBy(() -> PurgeSchedule.every(Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one millisecond");
        assertThatThrownBy(() -> PurgeSchedule.every(Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

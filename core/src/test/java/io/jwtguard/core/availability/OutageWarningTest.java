package io.jwtguard.core.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageWarningTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> lines = new ArrayList<>();
    private final OutageWarning warning = new OutageWarning(clock, Duration.ofSeconds(60), lines::add);

    @Test
    void warnWhenFirstThenWrittenAtOnce() {
        warning.warn("Cannot verify tokens, answering 503: down");

        assertThat(lines).containsExactly("Cannot verify tokens, answering 503: down");
    }

    @Test
    void warnWhenManyWithinTheIntervalThenOneLineAndTheNextSaysHowManyWereLeftOut() {
        for (int i = 0; i < 1000; i++) {
            warning.warn("down " + i);
            clock.advance(Duration.ofMillis(50)); // 1,000 warnings in 50 s
        }
        assertThat(lines).containsExactly("down 0");

        clock.advance(Duration.ofSeconds(10));
        warning.warn("still down");

        assertThat(lines).containsExactly("down 0", "still down (999 more like it in the last 60 s not logged)");
    }

    @Test
    void warnWhenQuietForTheIntervalThenWrittenWithoutACount() {
        warning.warn("down");
        clock.advance(Duration.ofSeconds(60));
        warning.warn("down again");

        assertThat(lines).containsExactly("down", "down again");
    }

    @Test
    void constructorWhenIntervalNotPositiveThenRefused() {
        assertThatThrownBy(() -> new OutageWarning(clock, Duration.ZERO, lines::add))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.jwtguard.runtime.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the tests of this package move by hand (no test sleeps). Not thread-safe. */
final class MutableClock extends Clock {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now = START;

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

package io.jwtguard.core.issue;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the token service deletes expired refresh families and revocation entries: at most once per
 * interval, on the thread of a login or refresh that finds the purge due. No thread or timer of its
 * own, so nothing outlives an undeployment; an application that issues nothing has nothing to purge.
 *
 * <p>Thread-safe: of the callers that find a purge due at the same time, exactly one
 * {@linkplain #claim() claims} it (a compare-and-set on the next due time), the others go on at once.
 * The first purge is due one interval after construction.
 */
public final class PurgeSchedule {
    /** The default interval of {@code jwtguard.token-service.purge-interval}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    /** Never purges by itself ({@link TokenService#purgeExpired()} is still there to call). */
    public static final PurgeSchedule OFF = new PurgeSchedule();

    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextDueMillis;

    private PurgeSchedule() {
        this.clock = null;
        this.intervalMillis = 0;
        this.nextDueMillis = new AtomicLong(Long.MAX_VALUE);
    }

    private PurgeSchedule(Duration interval, Clock clock) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.nextDueMillis = new AtomicLong(clock.millis() + intervalMillis);
    }

    /**
     * @param interval the time between two purges, positive (at least one millisecond), not null
     * @param clock the time source, not null
     * @return a schedule whose first purge is due one interval from now
     * @throws IllegalArgumentException when the interval is not positive
     */
    public static PurgeSchedule every(Duration interval, Clock clock) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(clock, "clock");
        if (interval.toMillis() <= 0) {
            throw new IllegalArgumentException("the purge interval must be at least one millisecond, not " + interval);
        }
        return new PurgeSchedule(interval, clock);
    }

    /**
     * @return true for exactly one caller once the purge is due (that caller purges), false for every
     *     other caller and whenever it is not due; always false for {@link #OFF}
     */
    public boolean claim() {
        if (clock == null) {
            return false;
        }
        long due = nextDueMillis.get();
        long now = clock.millis();
        return now >= due && nextDueMillis.compareAndSet(due, now + intervalMillis);
    }

    /** @return the interval, or empty for {@link #OFF} */
    public java.util.Optional<Duration> interval() {
        return clock == null ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofMillis(intervalMillis));
    }

    @Override
    public String toString() {
        return clock == null ? "PurgeSchedule[off]" : "PurgeSchedule[every " + Duration.ofMillis(intervalMillis) + "]";
    }
}

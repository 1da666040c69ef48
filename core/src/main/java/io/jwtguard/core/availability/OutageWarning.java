package io.jwtguard.core.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The warning that requests keep running into while a dependency is down (the key source, the token
 * store, the revocation store, the DPoP replay cache): written at once the first time, then at most once per interval, each
 * line saying how many like it were left out since the previous one. Every request during an outage
 * still gets its 503; only the log is spared a line per request (the fault benchmark measured
 * thousands of identical warnings a minute before this, see docs/reliability.md).
 *
 * <p>Driven by the callers, with no thread of its own; time comes from the injected clock. The
 * message is the caller's and must not hold a token. Thread-safe.
 */
public final class OutageWarning {
    /** The interval of {@link #logging(System.Logger)}. */
    public static final Duration INTERVAL = Duration.ofSeconds(60);

    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> sink;
    private Instant lastLine;
    private long left;

    /**
     * @param clock the time source, not null
     * @param interval at most one line per this, positive
     * @param sink receives the lines, not null; called while no lock is held
     */
    public OutageWarning(Clock clock, Duration interval, Consumer<String> sink) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /** @return a warning written to {@code log} at WARNING, once per {@link #INTERVAL} at most */
    public static OutageWarning logging(System.Logger log) {
        Objects.requireNonNull(log, "log");
        return new OutageWarning(Clock.systemUTC(), INTERVAL, line -> log.log(System.Logger.Level.WARNING, line));
    }

    /**
     * Writes {@code message} now, or counts it when a line was written less than the interval ago.
     *
     * @param message what happened, not null, without any token
     */
    public void warn(String message) {
        Instant now = clock.instant();
        long leftOut;
        synchronized (this) {
            if (lastLine != null && Duration.between(lastLine, now).compareTo(interval) < 0) {
                left++;
                return;
            }
            leftOut = left;
            left = 0;
            lastLine = now;
        }
        sink.accept(leftOut == 0 ? message
                : message + " (" + leftOut + " more like it in the last " + interval.toSeconds() + " s not logged)");
    }
}

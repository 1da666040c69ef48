package io.jwtguard.runtime.observe;

import io.jwtguard.core.verify.RefusalReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A rate-limited summary of rejections, for operators who log at INFO: at most one line per
 * interval and application, such as {@code JWT Guard refused 4 tokens in the last 60 s:
 * INVALID_SIGNATURE=1, EXPIRED=3, CUSTOM_RULE/tenant=2} (the verifier's reasons in declaration
 * order, then the runtime's; an application rule's refusals by rule code). The reasons only:
 * never a token, a digest or a claimed issuer (those are in the debug log and the
 * {@link TokenRejected} events).
 *
 * <p>Driven by rejections, with no thread of its own: the first rejection after a quiet interval
 * is written at once, with what was counted since the previous line; rejections in between are
 * counted. So a burst costs one line, and the counts of the last burst are written with the next
 * rejection (the line says how many seconds it covers). Time comes from the injected clock.
 *
 * <p>Thread-safe.
 */
public final class RejectionSummary implements RejectionListener {
    /** The interval of the summary that {@link #logging(Clock)} writes. */
    public static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(RejectionSummary.class.getName());

    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> sink;
    private final Map<Key, Long> counts = new TreeMap<>(Comparator.comparing(Key::reason, Reasons.ORDER)
            .thenComparing(Key::ruleCode));
    private Instant since;
    private Instant lastLine;

    /**
     * @param clock the time source, not null
     * @param interval at most one line per this, positive
     * @param sink receives the lines, not null; called while no lock is held
     */
    public RejectionSummary(Clock clock, Duration interval, Consumer<String> sink) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /** @return a summary that logs at INFO, once per {@link #INTERVAL} at most */
    public static RejectionSummary logging(Clock clock) {
        return new RejectionSummary(clock, INTERVAL, line -> LOG.log(System.Logger.Level.INFO, line));
    }

    @Override
    public void rejected(TokenRejected event) {
        Instant now = clock.instant();
        String line;
        synchronized (counts) {
            if (since == null) {
                since = now;
            }
            counts.merge(new Key(event.reason(), event.ruleCode().orElse("")), 1L, Long::sum);
            if (lastLine != null && Duration.between(lastLine, now).compareTo(interval) < 0) {
                return;
            }
            line = line(now);
            counts.clear();
            lastLine = now;
            since = now;
        }
        sink.accept(line);
    }

    private String line(Instant now) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner reasons = new StringJoiner(", ");
        counts.forEach((key, count) -> reasons.add(key.reason().name()
                + (key.ruleCode().isEmpty() ? "" : "/" + key.ruleCode()) + "=" + count));
        long seconds = Math.max(0, Duration.between(since, now).getSeconds());
        return "JWT Guard refused " + total + (total == 1 ? " token" : " tokens") + " in the last " + seconds + " s: "
                + reasons;
    }

    /** One line item: a reason, and for an application rule its code (else empty). */
    private record Key(RefusalReason reason, String ruleCode) {
    }

    @Override
    public String toString() {
        return "RejectionSummary[interval=" + interval + "]";
    }
}

package io.jwtguard.runtime.observe;

import io.jwtguard.core.verify.RejectionReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-reason counts of rejected requests, and of key outages, since the application started.
 * Available to applications as a CDI bean. Thread-safe; counting never blocks.
 */
public final class RejectionCounters implements RejectionListener {
    private final Map<RejectionReason, LongAdder> counts = new EnumMap<>(RejectionReason.class);
    private final LongAdder unavailable = new LongAdder();

    /** Creates counters at zero. */
    public RejectionCounters() {
        for (RejectionReason reason : RejectionReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    @Override
    public void rejected(TokenRejected event) {
        counts.get(event.reason()).increment();
    }

    @Override
    public void keysUnavailable() {
        unavailable.increment();
    }

    /** @return how many requests were refused for {@code reason} */
    public long count(RejectionReason reason) {
        return counts.get(reason).sum();
    }

    /** @return how many requests got 503 because keys were unavailable */
    public long keysUnavailableCount() {
        return unavailable.sum();
    }

    /** @return a snapshot of the non-zero counts, unmodifiable */
    public Map<RejectionReason, Long> snapshot() {
        Map<RejectionReason, Long> result = new EnumMap<>(RejectionReason.class);
        counts.forEach((reason, count) -> {
            long value = count.sum();
            if (value > 0) {
                result.put(reason, value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    @Override
    public String toString() {
        return "RejectionCounters" + snapshot() + ", keysUnavailable=" + keysUnavailableCount();
    }
}

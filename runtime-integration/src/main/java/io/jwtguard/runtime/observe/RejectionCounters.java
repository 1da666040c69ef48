package io.jwtguard.runtime.observe;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RefusalReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-reason counts of rejected requests, of application-rule refusals per rule code, and of
 * outages (503), since the application started. Available to applications as a CDI bean.
 * Bounded: the reasons are two closed sets, and rule codes are counted for the first
 * {@value #MAX_RULE_CODES} codes seen (an application has a handful), later ones under
 * {@value #OTHER_RULES}. Thread-safe; counting never blocks.
 */
public final class RejectionCounters implements RejectionListener {
    /** How many distinct rule codes are counted separately. */
    public static final int MAX_RULE_CODES = 256;
    /** The code under which rule refusals beyond {@link #MAX_RULE_CODES} codes are counted. */
    public static final String OTHER_RULES = "other";

    private final Map<RefusalReason, LongAdder> counts;
    private final Map<String, LongAdder> ruleCounts = new ConcurrentHashMap<>();
    private final Map<VerificationUnavailableException.Source, LongAdder> unavailable =
            new EnumMap<>(VerificationUnavailableException.Source.class);

    /** Creates counters at zero. */
    public RejectionCounters() {
        Map<RefusalReason, LongAdder> all = new LinkedHashMap<>();
        for (RefusalReason reason : Reasons.ALL) {
            all.put(reason, new LongAdder());
        }
        this.counts = Collections.unmodifiableMap(all);
        for (VerificationUnavailableException.Source source : VerificationUnavailableException.Source.values()) {
            unavailable.put(source, new LongAdder());
        }
    }

    @Override
    public void rejected(TokenRejected event) {
        LongAdder count = counts.get(event.reason());
        if (count != null) {
            count.increment();
        }
        event.ruleCode().ifPresent(code -> {
            LongAdder rule = ruleCounts.get(code);
            if (rule == null) {
                String key = ruleCounts.size() < MAX_RULE_CODES ? code : OTHER_RULES;
                rule = ruleCounts.computeIfAbsent(key, k -> new LongAdder());
            }
            rule.increment();
        });
    }

    @Override
    public void unavailable(VerificationUnavailableException.Source source) {
        unavailable.get(source).increment();
    }

    /** @return how many requests were refused for {@code reason} */
    public long count(RefusalReason reason) {
        LongAdder count = counts.get(reason);
        return count == null ? 0 : count.sum();
    }

    /** @return how many tokens the application rule with this code refused */
    public long countRule(String ruleCode) {
        LongAdder count = ruleCounts.get(ruleCode);
        return count == null ? 0 : count.sum();
    }

    /** @return how many requests got 503 because keys were unavailable */
    public long keysUnavailableCount() {
        return unavailableCount(VerificationUnavailableException.Source.KEYS);
    }

    /** @return how many requests got 503 because {@code source} was unavailable */
    public long unavailableCount(VerificationUnavailableException.Source source) {
        return unavailable.get(source).sum();
    }

    /** @return a snapshot of the non-zero counts, verifier reasons first, unmodifiable */
    public Map<RefusalReason, Long> snapshot() {
        Map<RefusalReason, Long> result = new LinkedHashMap<>();
        counts.forEach((reason, count) -> {
            long value = count.sum();
            if (value > 0) {
                result.put(reason, value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** @return a snapshot of the application-rule refusals by rule code, sorted, unmodifiable */
    public Map<String, Long> ruleSnapshot() {
        Map<String, Long> result = new TreeMap<>();
        ruleCounts.forEach((code, count) -> result.put(code, count.sum()));
        return Collections.unmodifiableMap(result);
    }

    @Override
    public String toString() {
        return "RejectionCounters" + snapshot() + ", rules=" + ruleSnapshot() + ", unavailable="
                + unavailable;
    }
}

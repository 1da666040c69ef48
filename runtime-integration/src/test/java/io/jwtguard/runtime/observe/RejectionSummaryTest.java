package io.jwtguard.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.RefusalReason;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.runtime.http.RequestRefusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectionSummaryTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> lines = new ArrayList<>();
    private final RejectionSummary summary = new RejectionSummary(clock, Duration.ofSeconds(60), lines::add);

    @Test
    void rejectedWhenFirstRejectionThenOneLineAtOnce() {
        summary.rejected(event(RejectionReason.EXPIRED));

        assertThat(lines).containsExactly("JWT Guard refused 1 token in the last 0 s: EXPIRED=1");
    }

    @Test
    void rejectedWhenManyWithinAMinuteThenAtMostOneLineAndTheRestSummedAtTheNextAfterIt() {
        summary.rejected(event(RejectionReason.EXPIRED));
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(50));
            summary.rejected(event(i % 4 == 0 ? RejectionReason.INVALID_SIGNATURE : RejectionReason.EXPIRED));
        }
        assertThat(lines).hasSize(1);

        clock.advance(Duration.ofSeconds(10)); // 60 s after the first line
        summary.rejected(event(RejectionReason.EXPIRED));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("JWT Guard refused 1001 tokens in the last 60 s: "
                + "INVALID_SIGNATURE=250, EXPIRED=751");
    }

    @Test
    void rejectedWhenApplicationRulesAndRuntimeReasonsThenRulesByCodeAndRuntimeReasonsLast() {
        summary.rejected(event(RejectionReason.EXPIRED));
        clock.advance(Duration.ofSeconds(1));
        summary.rejected(new TokenRejected(RejectionReason.CUSTOM_RULE, Optional.of("tenant"), Optional.empty(),
                Optional.empty(), clock.instant()));
        summary.rejected(new TokenRejected(RejectionReason.CUSTOM_RULE, Optional.of("azp"), Optional.empty(),
                Optional.empty(), clock.instant()));
        summary.rejected(new TokenRejected(RejectionReason.CUSTOM_RULE, Optional.of("tenant"), Optional.empty(),
                Optional.empty(), clock.instant()));
        summary.rejected(event(RequestRefusal.MISSING_ROLE));
        summary.rejected(event(RejectionReason.INVALID_SIGNATURE));
        clock.advance(Duration.ofSeconds(60));
        summary.rejected(event(RejectionReason.EXPIRED));

        assertThat(lines.get(1)).isEqualTo("JWT Guard refused 6 tokens in the last 61 s: INVALID_SIGNATURE=1, "
                + "EXPIRED=1, CUSTOM_RULE/azp=1, CUSTOM_RULE/tenant=2, MISSING_ROLE=1");
    }

    @Test
    void countersKeepRuleCodesBounded() {
        RejectionCounters counters = new RejectionCounters();
        for (int i = 0; i < RejectionCounters.MAX_RULE_CODES + 50; i++) {
            counters.rejected(new TokenRejected(RejectionReason.CUSTOM_RULE, Optional.of("rule-" + i),
                    Optional.empty(), Optional.empty(), clock.instant()));
        }
        counters.rejected(event(RequestRefusal.INSUFFICIENT_SCOPE));
        assertThat(counters.count(RejectionReason.CUSTOM_RULE)).isEqualTo(RejectionCounters.MAX_RULE_CODES + 50);
        assertThat(counters.ruleSnapshot()).hasSizeLessThanOrEqualTo(RejectionCounters.MAX_RULE_CODES + 1);
        assertThat(counters.countRule("rule-0")).isEqualTo(1);
        assertThat(counters.countRule(RejectionCounters.OTHER_RULES)).isGreaterThanOrEqualTo(50);
        assertThat(counters.count(RequestRefusal.INSUFFICIENT_SCOPE)).isEqualTo(1);
    }

    @Test
    void rejectedWhenQuietForAnHourThenTheNextLineCoversTheWholeHour() {
        summary.rejected(event(RejectionReason.EXPIRED));
        clock.advance(Duration.ofSeconds(30));
        summary.rejected(event(RejectionReason.AUDIENCE_MISMATCH));
        clock.advance(Duration.ofMinutes(60));
        summary.rejected(event(RejectionReason.AUDIENCE_MISMATCH));

        assertThat(lines).containsExactly("JWT Guard refused 1 token in the last 0 s: EXPIRED=1",
                "JWT Guard refused 2 tokens in the last 3630 s: AUDIENCE_MISMATCH=2");
    }

    @Test
    void rejectedWhenEventCarriesIssuerAndDigestThenTheLineCarriesNeither() {
        summary.rejected(new TokenRejected(RejectionReason.ISSUER_MISMATCH, Optional.empty(), Optional.of("https://evil.example"),
                Optional.of("0123456789abcdef"), clock.instant()));

        assertThat(lines).singleElement().asString().doesNotContain("evil").doesNotContain("0123456789abcdef");
    }

    private TokenRejected event(RefusalReason reason) {
        return new TokenRejected(reason, Optional.empty(), Optional.empty(), Optional.empty(), clock.instant());
    }
}

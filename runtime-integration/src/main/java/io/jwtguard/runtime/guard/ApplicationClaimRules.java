package io.jwtguard.runtime.guard;

import io.jwtguard.core.verify.ClaimRule;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application's claim-rule beans, as one rule of the verifier: the CDI extension finds the
 * beans at deployment and {@link #bind(List) binds} them; the verifier runs this rule after its
 * built-in ones, on every verification and cache hit, like every application rule. A bean limited
 * to some issuers ({@link io.jwtguard.runtime.annotation.ForIssuers}) runs only for tokens whose
 * verified {@code iss} is one of theirs. A bean that throws anything but a refusal or an outage
 * refuses the token with rule code {@code rule-error} (fail closed, {@link ClaimRule#failClosed}),
 * logged once per bean.
 *
 * <p>Thread-safe: bound once, read without locks.
 */
public final class ApplicationClaimRules implements ClaimRule {
    /**
     * One rule bean.
     *
     * @param name for messages (the bean class), not null
     * @param rule the bean, not null
     * @param issuers the exact {@code iss} values it applies to; empty: every issuer
     */
    public record Bound(String name, ClaimRule rule, Set<String> issuers) {
        public Bound {
            Objects.requireNonNull(name, "name");
            rule = ClaimRule.failClosed(name, Objects.requireNonNull(rule, "rule"));
            issuers = Set.copyOf(issuers);
        }
    }

    private final AtomicBoolean boundOnce = new AtomicBoolean();
    private volatile List<Bound> rules = List.of();

    /**
     * @param bound the rule beans, in the order they run
     * @throws IllegalStateException if rules were bound before
     */
    public void bind(List<Bound> bound) {
        if (!boundOnce.compareAndSet(false, true)) {
            throw new IllegalStateException("the application's claim rules are bound once, at deployment");
        }
        rules = List.copyOf(bound);
    }

    /** @return the bound rules, in order */
    public List<Bound> rules() {
        return rules;
    }

    @Override
    public void check(JsonObject claims, Instant now) {
        List<Bound> current = rules;
        if (current.isEmpty()) {
            return;
        }
        JsonValue iss = claims.get("iss");
        String issuer = iss instanceof JsonString ? ((JsonString) iss).getString() : null;
        for (Bound bound : current) {
            if (!bound.issuers().isEmpty() && (issuer == null || !bound.issuers().contains(issuer))) {
                continue;
            }
            bound.rule().check(claims, now);
        }
    }

    @Override
    public String toString() {
        return "ApplicationClaimRules" + rules.stream().map(Bound::name).toList();
    }
}

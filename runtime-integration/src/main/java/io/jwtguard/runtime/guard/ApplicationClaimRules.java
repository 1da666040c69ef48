package io.jwtguard.runtime.guard;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.ClaimRule;
import io.jwtguard.core.verify.TokenRejectedException;
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
 * refuses the token with rule code {@code rule-error} (fail closed), logged once per bean.
 *
 * <p>Thread-safe: bound once, read without locks.
 */
public final class ApplicationClaimRules implements ClaimRule {
    private static final System.Logger LOG = System.getLogger(ApplicationClaimRules.class.getName());

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
            Objects.requireNonNull(rule, "rule");
            issuers = Set.copyOf(issuers);
        }
    }

    private final AtomicBoolean boundOnce = new AtomicBoolean();
    private volatile List<Bound> rules = List.of();
    private volatile List<AtomicBoolean> warned = List.of();

    /**
     * @param bound the rule beans, in the order they run
     * @throws IllegalStateException if rules were bound before
     */
    public void bind(List<Bound> bound) {
        if (!boundOnce.compareAndSet(false, true)) {
            throw new IllegalStateException("the application's claim rules are bound once, at deployment");
        }
        List<Bound> copy = List.copyOf(bound);
        warned = copy.stream().map(b -> new AtomicBoolean()).toList();
        rules = copy;
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
        for (int i = 0; i < current.size(); i++) {
            Bound bound = current.get(i);
            if (!bound.issuers().isEmpty() && (issuer == null || !bound.issuers().contains(issuer))) {
                continue;
            }
            try {
                bound.rule().check(claims, now);
            } catch (TokenRejectedException | VerificationUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                if (warned.get(i).compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "JWT Guard: the claim rule bean " + bound.name()
                            + " failed with " + e.getClass().getName() + "; its tokens are refused (rule code "
                            + "rule-error; logged once)");
                }
                throw ClaimRule.failure("rule-error", "claim rule bean " + bound.name() + " failed with "
                        + e.getClass().getName());
            }
        }
    }

    @Override
    public String toString() {
        return "ApplicationClaimRules" + rules.stream().map(Bound::name).toList();
    }
}

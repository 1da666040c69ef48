package io.jwtguard.core.verify;

import io.jwtguard.core.availability.VerificationUnavailableException;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An application's claim rule as the pipeline runs it: its refusals pass through (every
 * {@link RejectionReason} is an {@code invalid_token} one, so a rule cannot answer 400 or 403),
 * an outage it reports passes through (503), and anything else it throws refuses the token (fail
 * closed) with the rule code {@value #ERROR_CODE}, logged as a warning once per rule (the
 * exception's type only: its message may quote attacker-controlled claims). Thread-safe.
 */
final class ApplicationRule implements ClaimRule {
    /** The rule code of a rule that failed with an unexpected exception. */
    static final String ERROR_CODE = "rule-error";
    private static final System.Logger LOG = System.getLogger(ApplicationRule.class.getName());

    private final String name;
    private final ClaimRule rule;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param name for the warning (a class name, never a value from a token), not null */
    ApplicationRule(String name, ClaimRule rule) {
        this.name = Objects.requireNonNull(name, "name");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    @Override
    public void check(JsonObject claims, Instant now) {
        try {
            rule.check(claims, now);
        } catch (TokenRejectedException | VerificationUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            warnOnce("failed with " + e.getClass().getName() + "; the token is refused (rule code " + ERROR_CODE
                    + ")");
            throw ClaimRule.failure(ERROR_CODE, "application rule " + describe() + " failed with "
                    + e.getClass().getName());
        }
    }

    private void warnOnce(String what) {
        if (warned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard: the application claim rule " + describe() + " " + what
                    + " (logged once)");
        }
    }

    private String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "ApplicationRule[" + describe() + "]";
    }
}

package io.jwtguard.core.verify;

import io.jwtguard.core.availability.VerificationUnavailableException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One claim check with one job (expiry, issuer, audience, a tenant, ...). Runs after the
 * signature was verified, on claims that are therefore authentic. Implementations are immutable
 * (or read only thread-safe state) and thread-safe.
 *
 * <p><b>Application rules</b> are added with {@link VerifierConfigBuilder#claimRule(ClaimRule)}
 * (every issuer), {@link TrustedIssuer.Builder#claimRule(ClaimRule)} (one issuer), the
 * {@code jwtguard.claim-rules} properties, or, in the runtime, a CDI bean. They run after the
 * built-in rules, on every request, also when the verified token comes from the cache, so a rule
 * may depend on the time or on state that changes. They refuse a token by throwing
 * {@link #failure(String, String)}: the request then gets {@code 401 invalid_token} with reason
 * {@link RejectionReason#CUSTOM_RULE} and the rule's code in logs, events and metrics, exactly
 * like a built-in refusal. A rule that cannot decide because something it needs is down throws
 * {@link VerificationUnavailableException} (503 with {@code Retry-After}). Any other exception
 * from an application rule refuses the token (fail closed) with the rule code {@code rule-error}
 * and is logged as a warning.
 *
 * <pre>{@code
 * ClaimRule tenant = ClaimRule.require("tenant", claims -> "acme".equals(claims.getString("tid", null)));
 * ClaimRule mfa = (claims, now) -> {
 *     if (!claims.containsKey("amr")) {
 *         throw ClaimRule.failure("mfa", "no 'amr' claim");
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ClaimRule {
    /**
     * @param claims the verified claims set, not null
     * @param now the verification instant (from the configured clock), not null
     * @throws TokenRejectedException with the rule's reason if the claims break it
     */
    void check(JsonObject claims, Instant now);

    /**
     * @param ruleCode the rule's code (see {@link TokenRejectedException#customRule(String, String)})
     * @param detail a diagnostic for server logs, never the token
     * @return the exception an application rule throws to refuse a token
     */
    static TokenRejectedException failure(String ruleCode, String detail) {
        return TokenRejectedException.customRule(ruleCode, detail);
    }

    /**
     * The rule as the pipeline runs every application rule: refusals and outages pass through,
     * anything else it throws refuses the token (fail closed, rule code {@code rule-error}) with
     * one warning naming {@code name}. For a container of rules (the runtime's rule beans) that
     * names each rule itself; the verifier wraps every other application rule so already.
     *
     * @param name what the warning calls the rule, for example its class name; never token data
     * @param rule the rule, not null
     */
    static ClaimRule failClosed(String name, ClaimRule rule) {
        return rule instanceof ApplicationRule ? rule : new ApplicationRule(name, rule);
    }

    /**
     * @param ruleCode the code of the refusal when {@code condition} is false
     * @param condition true when the claims are acceptable; not null
     * @return a rule that refuses every token whose claims do not satisfy {@code condition}
     */
    static ClaimRule require(String ruleCode, Predicate<JsonObject> condition) {
        String code = TokenRejectedException.checkRuleCode(ruleCode);
        Objects.requireNonNull(condition, "condition");
        return (claims, now) -> {
            if (!condition.test(claims)) {
                throw failure(code, "the claims do not satisfy rule '" + code + "'");
            }
        };
    }

    /**
     * A rule that requires the claim at {@code claimPath} to be one of {@code accepted}: a string
     * claim equal to one of them, or an array claim with at least one string member among them
     * (so {@code acr}, {@code azp}, {@code tid} and {@code amr} all work). A missing claim fails.
     *
     * @param ruleCode the code of the refusal
     * @param claimPath the claim, dot-separated for nested objects (for example
     *     {@code realm_access.tenant}), not blank
     * @param accepted the accepted values, not empty
     */
    static ClaimRule oneOf(String ruleCode, String claimPath, Set<String> accepted) {
        String code = TokenRejectedException.checkRuleCode(ruleCode);
        List<String> path = ClaimPaths.parse(claimPath);
        Set<String> values = Set.copyOf(accepted);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("rule '" + code + "' accepts no value");
        }
        return (claims, now) -> {
            JsonValue value = ClaimPaths.resolve(claims, path);
            if (value instanceof JsonString && values.contains(((JsonString) value).getString())) {
                return;
            }
            if (value instanceof JsonArray) {
                for (JsonValue member : (JsonArray) value) {
                    if (member instanceof JsonString && values.contains(((JsonString) member).getString())) {
                        return;
                    }
                }
            }
            throw failure(code, value == null ? "'" + claimPath + "' is missing"
                    : "'" + claimPath + "' has no accepted value");
        };
    }
}

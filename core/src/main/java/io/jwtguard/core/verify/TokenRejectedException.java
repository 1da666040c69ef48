package io.jwtguard.core.verify;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token is bad: it was refused for {@link #reason()}. Thrown by
 * {@link TokenVerifier#verify(String)}; never means that the server is broken (see
 * {@link VerificationUnavailableException} for that).
 *
 * <p>The message is a diagnostic for server logs. It never contains the token, a secret or
 * key material; clients get {@link RejectionReason#description()} instead. No stack trace is
 * captured: rejections are a normal, frequent outcome and must stay cheap under a flood of
 * hostile tokens.
 *
 * <p>A refusal by an application's own claim rule has the reason
 * {@link RejectionReason#CUSTOM_RULE} and the rule's code ({@link #ruleCode()}); create it with
 * {@link #customRule(String, String)} or {@link ClaimRule#failure(String, String)}.
 */
public final class TokenRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** What a rule code may look like: safe in logs, metric tags and headers, and bounded. */
    private static final Pattern RULE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final RejectionReason reason;
    private final String ruleCode;

    /**
     * @param reason why the token was refused, not null; {@link RejectionReason#CUSTOM_RULE} only
     *     through {@link #customRule(String, String)}
     * @param detail a diagnostic for logs, not null, never containing the token
     */
    public TokenRejectedException(RejectionReason reason, String detail) {
        this(reason, null, detail);
        if (reason == RejectionReason.CUSTOM_RULE) {
            throw new IllegalArgumentException("a custom rule's rejection needs its rule code: use customRule(code, detail)");
        }
    }

    private TokenRejectedException(RejectionReason reason, String ruleCode, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.ruleCode = ruleCode;
    }

    /**
     * A refusal by an application's claim rule.
     *
     * @param ruleCode the rule's code, 1 to 64 characters of letters, digits, {@code .}, {@code _}
     *     and {@code -}, starting with a letter or digit (for example {@code tenant} or
     *     {@code acr.level}); it appears in logs, events and metrics, never in the response
     * @param detail a diagnostic for logs, not null; never the token, and no claim values longer
     *     than needed (they are attacker-controlled)
     * @throws IllegalArgumentException if the code does not have that form
     */
    public static TokenRejectedException customRule(String ruleCode, String detail) {
        return new TokenRejectedException(RejectionReason.CUSTOM_RULE, checkRuleCode(ruleCode), detail);
    }

    /**
     * @return {@code ruleCode}, if it is a valid rule code
     * @throws IllegalArgumentException naming the expected form otherwise
     */
    public static String checkRuleCode(String ruleCode) {
        if (ruleCode == null || !RULE_CODE.matcher(ruleCode).matches()) {
            throw new IllegalArgumentException("a rule code is 1 to 64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit");
        }
        return ruleCode;
    }

    /** @return the reason, never null */
    public RejectionReason reason() {
        return reason;
    }

    /** @return the code of the application rule that refused the token; empty for every other reason */
    public Optional<String> ruleCode() {
        return Optional.ofNullable(ruleCode);
    }

    @Override
    public String toString() {
        return "TokenRejectedException[" + reason + (ruleCode == null ? "" : " " + ruleCode) + "]: " + getMessage();
    }
}

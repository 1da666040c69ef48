package io.jwtguard.core.config;

import io.jwtguard.core.verify.ClaimRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads declarative application claim rules: {@code <list>} names rule codes, and each code has
 * {@code <list>.<code>.claim} (a dot-separated claim path) and {@code <list>.<code>.one-of}
 * (accepted values). See {@link ClaimRule#oneOf(String, String, Set)}.
 */
final class ClaimRuleLoader {
    private ClaimRuleLoader() {
    }

    /**
     * @param listProperty the property that lists the rule codes, for example {@code jwtguard.claim-rules}
     * @return the rules, in the listed order; empty when the property is unset
     */
    static List<ClaimRule> rules(PropertyReader in, String listProperty) {
        List<ClaimRule> rules = new ArrayList<>();
        for (String code : in.list(listProperty)) {
            if (!code.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
                throw new ConfigurationException(listProperty, "'" + code + "' is not a rule code; use 1 to 64 "
                        + "letters, digits, '-' and '_', starting with a letter or digit");
            }
            String claimProperty = listProperty + "." + code + ".claim";
            String valuesProperty = listProperty + "." + code + ".one-of";
            String claim = in.get(claimProperty).map(String::trim).orElseThrow(() -> new ConfigurationException(
                    claimProperty, "rule '" + code + "' is listed in " + listProperty + " but names no claim; set "
                            + claimProperty + ", for example tid or realm_access.tenant"));
            Set<String> values = in.list(valuesProperty);
            if (values.isEmpty()) {
                throw new ConfigurationException(valuesProperty, "rule '" + code + "' accepts no value; set "
                        + valuesProperty + " to the comma-separated accepted values");
            }
            try {
                rules.add(ClaimRule.oneOf(code, claim, values));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(claimProperty, e.getMessage() + "; use for example tid or "
                        + "realm_access.tenant");
            }
        }
        return rules;
    }
}

package io.jwtguard.core.config;

import java.util.Locale;
import java.util.Map;

/**
 * Finds a configuration property among environment variables as MicroProfile Config 3 does
 * (its environment-variable mapping rules), for places without MicroProfile Config: a plain
 * servlet container and the command-line explainer. Stateless.
 */
public final class EnvironmentNames {
    private EnvironmentNames() {
    }

    /**
     * Looks {@code name} up: the exact name; else the name with every character that is neither
     * an ASCII letter, a digit nor {@code _} replaced by {@code _}; else that in upper case. So
     * {@code mp.jwt.verify.issuer} is found as {@code MP_JWT_VERIFY_ISSUER}, and
     * {@code jwtguard.servlet-filter.enabled} as {@code JWTGUARD_SERVLET_FILTER_ENABLED}.
     *
     * @param environment the environment variables, not null
     * @param name the property name, not null
     * @return the value, or null when no variable matches
     */
    public static String lookup(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value != null) {
            return value;
        }
        StringBuilder mapped = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            mapped.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        value = environment.get(mapped.toString());
        if (value != null) {
            return value;
        }
        return environment.get(mapped.toString().toUpperCase(Locale.ROOT));
    }
}

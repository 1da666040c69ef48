package io.jwtguard.core.config;

import java.util.Objects;

/**
 * The configuration cannot be used. The message names the property and says how to fix it;
 * it never contains a secret or key material. Deployment must fail on it.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * @param property the property at fault, not null
     * @param problemAndFix what is wrong and how to fix it
     */
    public ConfigurationException(String property, String problemAndFix) {
        super(Objects.requireNonNull(property, "property") + ": " + problemAndFix);
        this.property = property;
    }

    /** @return the property at fault, never null */
    public String property() {
        return property;
    }
}

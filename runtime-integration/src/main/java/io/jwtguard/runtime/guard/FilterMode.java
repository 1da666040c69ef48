package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import java.util.Locale;

/** When the servlet filter is installed: the values of {@link RuntimeProperties#SERVLET_FILTER}. */
public enum FilterMode {
    /** Installed when the application has {@code @LoginConfig(authMethod = "MP-JWT")}. */
    AUTO,
    /** Always installed: servlet-only applications. */
    ON,
    /** Never installed. */
    OFF;

    /**
     * @param value the property value, may be null (then {@link #AUTO})
     * @throws ConfigurationException when the value is not auto, true or false
     */
    public static FilterMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "true":
                return ON;
            case "false":
                return OFF;
            default:
                throw new ConfigurationException(RuntimeProperties.SERVLET_FILTER, "'" + value
                        + "' is not auto, true or false");
        }
    }
}

package io.jwtguard.core.config;

import java.time.Clock;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * Loads the configuration from MicroProfile Config, so any config source (properties file,
 * environment variables, system properties) can set every property. Kept apart from
 * {@link ConfigLoader} so that core works where the MicroProfile Config API is absent.
 */
public final class MicroProfileConfigLoader {
    private MicroProfileConfigLoader() {
    }

    /**
     * @param config the application's MicroProfile Config, not null
     * @throws ConfigurationException naming the property, on any invalid or refused setting
     */
    public static LoadedConfiguration load(Config config) {
        return load(config, Clock.systemUTC());
    }

    /** As {@link #load(Config)}, with an explicit clock. */
    public static LoadedConfiguration load(Config config, Clock clock) {
        Objects.requireNonNull(config, "config");
        return ConfigLoader.load(name -> config.getOptionalValue(name, String.class), clock);
    }
}

package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.EnvironmentNames;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds an application's property lookup. With MicroProfile Config (its API and an
 * implementation present): MicroProfile Config first (its own sources: system properties,
 * environment variables, {@code microprofile-config.properties}, ...), then the given fallback
 * (servlet context init parameters). Without it, the order of MicroProfile Config's default
 * sources (ordinals 400, 300, 100): system properties, then environment variables found by
 * MicroProfile Config's name mapping ({@link #environmentValue(Map, String)}), then the fallback,
 * which plays the part of the application's packaged configuration.
 *
 * <p>MicroProfile Config classes are touched only through {@link MicroProfileLookup}, which is
 * loaded only after they were found, so this works in a plain servlet container. Stateless.
 */
public final class PropertyLookups {
    private static final String CONFIG_PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

    private PropertyLookups() {
    }

    /**
     * @param loader the application's class loader, not null
     * @param fallback looks a property up where MicroProfile Config has none (init parameters);
     *     may be null, may return null or empty
     * @return the composed lookup, never returning null
     */
    public static Function<String, Optional<String>> forApplication(ClassLoader loader,
            Function<String, String> fallback) {
        Objects.requireNonNull(loader, "loader");
        return compose(microProfile(loader), fallback, System::getProperty, System.getenv());
    }

    /**
     * The lookup {@link #forApplication(ClassLoader, Function)} builds, from given sources (tests).
     *
     * @param microProfile the MicroProfile Config lookup, empty when there is none
     * @param fallback the application's own parameters, may be null
     * @param systemProperties looks up a system property, not null
     * @param environment the environment variables, not null
     */
    static Function<String, Optional<String>> compose(Optional<Function<String, Optional<String>>> microProfile,
            Function<String, String> fallback, Function<String, String> systemProperties,
            Map<String, String> environment) {
        Function<String, String> own = fallback == null ? name -> null : fallback;
        if (microProfile.isPresent()) {
            Function<String, Optional<String>> mp = microProfile.get();
            return name -> {
                Optional<String> value = mp.apply(name);
                if (value != null && value.isPresent()) {
                    return value;
                }
                String other = own.apply(name);
                return Optional.ofNullable(other != null ? other : systemProperties.apply(name));
            };
        }
        Map<String, String> env = Map.copyOf(environment);
        return name -> {
            String value = systemProperties.apply(name);
            if (value == null) {
                value = environmentValue(env, name);
            }
            if (value == null) {
                value = own.apply(name);
            }
            return Optional.ofNullable(value);
        };
    }

    /**
     * Looks {@code name} up among environment variables as MicroProfile Config 3 does
     * (environment variables mapping rules): the exact name; else the name with every character
     * that is neither a letter, a digit nor {@code _} replaced by {@code _}; else that in upper case.
     * So {@code mp.jwt.verify.issuer} is found as {@code MP_JWT_VERIFY_ISSUER}, and
     * {@code jwtguard.servlet-filter.enabled} as {@code JWTGUARD_SERVLET_FILTER_ENABLED}.
     *
     * @param environment the environment variables, not null
     * @param name the property name, not null
     * @return the value, or null when no variable matches
     */
    public static String environmentValue(Map<String, String> environment, String name) {
        return EnvironmentNames.lookup(environment, name);
    }

    /** @return the MicroProfile Config lookup of {@code loader}, empty when MicroProfile Config is absent */
    public static Optional<Function<String, Optional<String>>> microProfile(ClassLoader loader) {
        if (!isPresent(CONFIG_PROVIDER, loader)) {
            return Optional.empty();
        }
        return MicroProfileLookup.of(loader);
    }

    /** @return whether {@code className} can be loaded by {@code loader} (without initialising it) */
    public static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

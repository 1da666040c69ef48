package io.jwtguard.runtime.guard;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds an application's property lookup: MicroProfile Config first when its API and an
 * implementation are present, then the given fallback (servlet context init parameters), then
 * system properties. MicroProfile Config classes are touched only through
 * {@link MicroProfileLookup}, which is loaded only after they were found, so this works in a
 * plain servlet container. Stateless.
 */
public final class PropertyLookups {
    private static final String CONFIG_PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

    private PropertyLookups() {
    }

    /**
     * @param loader the application's class loader, not null
     * @param fallback looks a property up where MicroProfile Config has none (init parameters);
     *     may return null or empty
     * @return the composed lookup, never returning null
     */
    public static Function<String, Optional<String>> forApplication(ClassLoader loader,
            Function<String, String> fallback) {
        Objects.requireNonNull(loader, "loader");
        Function<String, Optional<String>> mp = microProfile(loader).orElse(name -> Optional.empty());
        return name -> {
            Optional<String> value = mp.apply(name);
            if (value.isPresent()) {
                return value;
            }
            String other = fallback == null ? null : fallback.apply(name);
            if (other == null) {
                other = System.getProperty(name);
            }
            return Optional.ofNullable(other);
        };
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

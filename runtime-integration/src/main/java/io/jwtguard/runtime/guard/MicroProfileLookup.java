package io.jwtguard.runtime.guard;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The only class of this package that refers to the MicroProfile Config API; loaded only when it is present. */
final class MicroProfileLookup {
    private static final System.Logger LOG = System.getLogger(MicroProfileLookup.class.getName());

    private MicroProfileLookup() {
    }

    static Optional<Function<String, Optional<String>>> of(ClassLoader loader) {
        Config config;
        try {
            config = ConfigProvider.getConfig(loader);
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
            // the API without an implementation
            LOG.log(System.Logger.Level.DEBUG, "MicroProfile Config API present without an implementation: " + e);
            return Optional.empty();
        }
        return Optional.of(name -> config.getOptionalValue(name, String.class));
    }
}

package io.jwtguard.runtime.health;

import io.jwtguard.core.config.ConfigProperties;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Adds JWT Guard's health checks to an application as synthetic CDI beans of type
 * {@link HealthCheck}: {@value #LIVENESS} ({@code @Liveness}), {@value #KEYS} and
 * {@value #KEYS}{@code -<name>} per {@code jwtguard.issuers} entry ({@code @Readiness}), and
 * {@value #STORE} ({@code @Readiness}) when the token service stores in a database. Called by
 * {@link io.jwtguard.runtime.cdi.JwtGuardExtension} through reflection, only when the Health API
 * is present; the checks find the application's guard when they are called.
 */
public final class HealthChecks {
    /** The liveness check. */
    public static final String LIVENESS = "jwtguard";
    /** The primary issuer's keys; a trusted issuer's check adds {@code -<name>}. */
    public static final String KEYS = "jwtguard-keys";
    /** The token store's database. */
    public static final String STORE = "jwtguard-token-store";

    private HealthChecks() {
    }

    /**
     * @param event the extension's event, not null
     * @param loader the application's class loader, where its guard is registered, not null
     * @param properties the application's configuration, read for the issuer names and the store
     * @return the names of the checks added
     */
    public static List<String> register(AfterBeanDiscovery event, ClassLoader loader,
            Function<String, Optional<String>> properties) {
        Objects.requireNonNull(loader, "loader");
        Supplier<Optional<JwtGuard>> guard = () -> JwtGuards.find(loader);
        List<String> names = new ArrayList<>();
        add(event, LIVENESS, Liveness.Literal.INSTANCE, () -> new GuardLivenessCheck(guard));
        names.add(LIVENESS);
        add(event, KEYS, Readiness.Literal.INSTANCE, () -> new KeySourcesCheck(KEYS, null, guard));
        names.add(KEYS);
        for (String issuer : list(properties.apply(ConfigProperties.ISSUERS))) {
            String name = KEYS + "-" + issuer;
            add(event, name, Readiness.Literal.INSTANCE, () -> new KeySourcesCheck(name, issuer, guard));
            names.add(name);
        }
        if (jdbcStore(properties)) {
            add(event, STORE, Readiness.Literal.INSTANCE, () -> new TokenStoreCheck(guard));
            names.add(STORE);
        }
        return names;
    }

    /** @return whether the token service is enabled with a JDBC store */
    static boolean jdbcStore(Function<String, Optional<String>> properties) {
        boolean enabled = value(properties, ConfigProperties.TOKEN_SERVICE_ENABLED).map("true"::equals).orElse(false);
        return enabled && value(properties, ConfigProperties.STORE_TYPE).map("jdbc"::equals).orElse(false);
    }

    static List<String> list(Optional<String> value) {
        return value == null ? List.of() : value.map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private static Optional<String> value(Function<String, Optional<String>> properties, String name) {
        Optional<String> value = properties.apply(name);
        return value == null ? Optional.empty() : value.map(v -> v.strip().toLowerCase(Locale.ROOT));
    }

    private static void add(AfterBeanDiscovery event, String name, Annotation kind, Supplier<HealthCheck> check) {
        // the bean class is the checks' proxyable base class (see ProxyableCheck)
        event.<HealthCheck>addBean().id(HealthChecks.class.getName() + "#" + name).beanClass(ProxyableCheck.class)
                .types(HealthCheck.class, Object.class)
                .qualifiers(kind, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class).createWith(context -> check.get());
    }
}

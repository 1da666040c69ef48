package io.jwtguard.runtime.servlet;

import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.runtime.guard.ContainerConstraints;
import io.jwtguard.runtime.guard.ContainerLogin;
import io.jwtguard.runtime.guard.DuplicateApis;
import io.jwtguard.runtime.guard.FilterMode;
import io.jwtguard.runtime.guard.GuardStatistics;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.guard.MechanismDecision;
import io.jwtguard.runtime.guard.PropertyLookups;
import io.jwtguard.runtime.guard.RuntimeProperties;
import io.jwtguard.runtime.http.UrlPatterns;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Registered through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. At
 * deployment of an application that has {@code @LoginConfig(authMethod = "MP-JWT")} (found
 * through {@link HandlesTypes}), or whose {@code jwtguard.servlet-filter.enabled} is
 * {@code true}, it reads the configuration (MicroProfile Config if present, else context init
 * parameters and system properties), builds the application's {@link JwtGuard} (which logs the
 * posture report) and installs {@link JwtGuardFilter} on {@code jwtguard.servlet-filter.url-patterns}
 * unless {@code jwtguard.servlet-filter.enabled} is {@code false}. An unusable configuration
 * fails deployment. Other applications are left alone.
 */
@HandlesTypes(LoginConfig.class)
public final class JwtGuardInitializer implements ServletContainerInitializer {
    /** The name of the installed filter. */
    public static final String FILTER_NAME = "jwtguard";
    private static final System.Logger LOG = System.getLogger(JwtGuardInitializer.class.getName());
    private static final String AUTH_CONFIG_FACTORY = "jakarta.security.auth.message.config.AuthConfigFactory";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ClassLoader loader = context.getClassLoader();
        Function<String, Optional<String>> properties = PropertyLookups.forApplication(loader,
                context::getInitParameter);
        boolean usesMpJwt = usesMpJwt(classes);
        FilterMode mode;
        try {
            mode = FilterMode.parse(properties.apply(RuntimeProperties.SERVLET_FILTER).orElse(null));
        } catch (ConfigurationException e) {
            throw new ServletException("JWT Guard configuration: " + e.getMessage(), e);
        }
        if (!usesMpJwt && mode != FilterMode.ON) {
            return;
        }
        JwtGuards.markActive(loader);
        for (String problem : DuplicateApis.find(loader)) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard packaging check for " + context.getContextPath() + ": "
                    + problem);
        }
        JwtGuard guard;
        try {
            guard = JwtGuards.obtain(loader, () -> properties);
        } catch (ConfigurationException e) {
            LOG.log(System.Logger.Level.ERROR, "JWT Guard configuration is unusable: " + e.getMessage());
            throw new ServletException("JWT Guard configuration: " + e.getMessage(), e);
        }
        requireMechanismWhereTheContainerProtects(context, loader, guard);
        removeStaleSecurityBridge(context, loader);
        // read-only counts for operators and soak tests; unregistered with the application
        context.addListener(new Release(loader, GuardStatistics.register(context.getContextPath(), guard).orElse(null)));
        if (mode == FilterMode.OFF) {
            LOG.log(System.Logger.Level.INFO, "JWT Guard servlet filter disabled (" + RuntimeProperties.SERVLET_FILTER
                    + "=false) for " + context.getContextPath());
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new JwtGuardFilter(guard));
        if (filter == null) {
            return; // declared in web.xml already
        }
        filter.setAsyncSupported(true);
        List<String> patterns = guard.settings().installedPatterns();
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, patterns.toArray(new String[0]));
        // a pattern we cannot match ourselves ("/") leaves every refusal to the Jakarta Security mechanism too
        UrlPatterns.tryParse(patterns)
                .ifPresent(covered -> JwtGuardFilter.recordCoverage(context, covered));
    }

    /**
     * Logs an ERROR naming the fix when the container protects requests itself (a security
     * constraint the CDI extension could not see: a servlet registered in code, or one whose class was
     * not discovered) while {@code container-login=auto} left JWT Guard's Jakarta Security mechanism
     * out: the container then refuses every bearer token there (it fails closed). Not a deployment
     * failure: Open Liberty starts an application whose initializer failed anyway, without the rest of
     * it (JWT Guard's filter), which would protect less.
     */
    private static void requireMechanismWhereTheContainerProtects(ServletContext context, ClassLoader loader,
            JwtGuard guard) {
        Optional<MechanismDecision> mechanism = JwtGuards.mechanism(loader);
        if (mechanism.isEmpty() || mechanism.get().registered() || !guard.settings().securityMechanism()
                || guard.settings().containerLogin() != ContainerLogin.AUTO) {
            return;
        }
        List<String> constraints = ContainerConstraints.find(context, loader);
        if (!constraints.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "JWT Guard configuration for " + context.getContextPath() + ": the "
                    + "container protects requests itself (" + String.join("; ", constraints) + "), where it accepts a "
                    + "bearer token only through JWT Guard's Jakarta Security mechanism, and "
                    + RuntimeProperties.CONTAINER_LOGIN + "=auto did not register that mechanism: the container "
                    + "refuses every bearer token there. Set " + RuntimeProperties.CONTAINER_LOGIN + "=protected in the "
                    + "application's MicroProfile Config, or replace the constraint by @RolesAllowed on the resource.");
        }
    }

    /**
     * In an application without a Jakarta Security mechanism (neither JWT Guard's, decided at
     * deployment, nor its own), removes Open Liberty's bridge left registered for this context root
     * by an earlier application ({@link StaleSecurityBridge}).
     */
    private static void removeStaleSecurityBridge(ServletContext context, ClassLoader loader) {
        Optional<MechanismDecision> mechanism = JwtGuards.mechanism(loader);
        if (mechanism.isEmpty() || mechanism.get().registered() || JwtGuards.hasOtherMechanism(loader)
                || !PropertyLookups.isPresent(AUTH_CONFIG_FACTORY, loader)) {
            return;
        }
        try {
            List<String> removed = StaleSecurityBridge.remove(context);
            if (!removed.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "JWT Guard: removed Open Liberty's Jakarta Security bridge that an "
                        + "earlier application left registered for " + context.getContextPath() + " (" + removed
                        + "); this application has no Jakarta Security mechanism");
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard: cannot look for a stale Jakarta Authentication "
                    + "registration of " + context.getContextPath() + ": " + e);
        }
    }

    private static boolean usesMpJwt(Set<Class<?>> classes) {
        if (classes == null) {
            return false;
        }
        for (Class<?> type : classes) {
            LoginConfig config = type.getAnnotation(LoginConfig.class);
            if (config != null && "MP-JWT".equalsIgnoreCase(config.authMethod())) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the application and unregisters its statistics MBean when its context is destroyed. */
    private static final class Release implements ServletContextListener {
        private final ClassLoader loader;
        /** Null when no MBean was registered. */
        private final javax.management.ObjectName statistics;

        Release(ClassLoader loader, javax.management.ObjectName statistics) {
            this.loader = loader;
            this.statistics = statistics;
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            if (statistics != null) {
                GuardStatistics.unregister(statistics);
            }
            JwtGuards.release(loader);
        }
    }
}

package io.jwtguard.runtime.jaxrs;

import io.jwtguard.runtime.authz.LocatorRequirements;
import io.jwtguard.runtime.authz.ResourceRequirements;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.guard.PropertyLookups;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Installs JWT Guard's filters on the resource methods of an MP-JWT application: an
 * {@link AuthenticationFilter} and an {@link AuthorizationFilter} on every method (the latter
 * enforces the method's {@link ResourceRequirements} and those of the sub-resource locators a
 * request went through). An application is MP-JWT when its
 * {@code Application} subclass carries {@code @LoginConfig(authMethod = "MP-JWT")} or the servlet
 * initializer recorded it so; for other applications this feature does nothing.
 *
 * <p>Registered through {@code META-INF/services/jakarta.ws.rs.ext.Providers} (RESTEasy) and
 * {@link Provider @Provider} (runtimes that scan the application's libraries). A malformed
 * annotation (for example {@code @MaxTokenAge(0)}) fails deployment.
 */
@Provider
public final class JwtGuardFeature implements DynamicFeature {
    private static final System.Logger LOG = System.getLogger(JwtGuardFeature.class.getName());
    /** The priority of {@link AuthorizationFilter}: after authentication, before other authorization filters. */
    static final int AUTHORIZATION_PRIORITY = Priorities.AUTHORIZATION - 1;

    @Context
    private Application application;

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Class<?> resourceClass = resourceInfo.getResourceClass();
        Method method = resourceInfo.getResourceMethod();
        if (resourceClass == null || method == null) {
            return;
        }
        ClassLoader loader = applicationLoader(resourceClass);
        if (loader == null) {
            return;
        }
        if (!JwtGuards.isActive(loader)) {
            if (!annotatedApplication()) {
                return;
            }
            JwtGuards.markActive(loader);
        }
        JwtGuard guard = JwtGuards.obtain(loader, () -> PropertyLookups.forApplication(loader, null));
        context.register(new AuthenticationFilter(guard), Priorities.AUTHENTICATION);
        ResourceRequirements requirements = requirements(resourceClass, method);
        // registered on every method, also those without requirements: a sub-resource method
        // must enforce the requirements of the locators the request went through. Just before
        // AUTHORIZATION: a server's own @RolesAllowed filter at AUTHORIZATION (Payara's) ran first
        // on some deployments and answered the same status with its HTML error page instead of
        // JWT Guard's challenge and body; it now only sees requests JWT Guard permitted
        context.register(new AuthorizationFilter(guard, requirements), AUTHORIZATION_PRIORITY);
        if (requirements.any()) {
            LOG.log(System.Logger.Level.DEBUG, "JWT Guard protects " + method + " with " + requirements);
        }
    }

    /**
     * Resolves the method's requirements and validates the class's locators. Malformed or
     * conflicting annotations fail deployment (IllegalArgumentException); a method whose
     * annotations cannot be read at all is denied to everyone (fail closed).
     */
    static ResourceRequirements requirements(Class<?> resourceClass, Method method) {
        try {
            if (resourceClass.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                LocatorRequirements.validate(resourceClass);
            }
            return ResourceRequirements.of(resourceClass, method);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "JWT Guard cannot resolve the security annotations of " + method
                    + "; it is denied to every caller: " + e);
            return ResourceRequirements.DENY_ALL;
        }
    }

    /**
     * The key of the application in {@link JwtGuards}: the loader the servlet initializer
     * recorded (the context class loader during deployment, usually the resource class's loader).
     */
    static ClassLoader applicationLoader(Class<?> resourceClass) {
        ClassLoader own = resourceClass.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (own != null && JwtGuards.isActive(own)) {
            return own;
        }
        if (context != null && JwtGuards.isActive(context)) {
            return context;
        }
        return context != null ? context : own;
    }

    private boolean annotatedApplication() {
        Application app;
        try {
            app = application;
            if (app == null) {
                return false;
            }
            for (Class<?> type = app.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                LoginConfig config = type.getAnnotation(LoginConfig.class);
                if (config != null) {
                    return "MP-JWT".equalsIgnoreCase(config.authMethod());
                }
            }
        } catch (RuntimeException e) {
            // a proxy that cannot be resolved here: rely on the servlet initializer's record
            LOG.log(System.Logger.Level.DEBUG, "Cannot inspect the JAX-RS Application: " + e);
        }
        return false;
    }
}

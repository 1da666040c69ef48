package io.jwtguard.runtime.jaxrs;

import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.guard.PropertyLookups;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Authenticates and authorizes a request that reached its resource method through sub-resource
 * locators when the filters {@link JwtGuardFeature} registered on that method did not run: Apache
 * CXF (TomEE) runs no filter a {@code DynamicFeature} registered, neither the locator's nor the
 * sub-resource method's, on a locator route, only global ones (measured on TomEE 9.0.0,
 * docs/servers.md). A global filter, after JWT Guard's own ({@code AUTHORIZATION + 1}); on a
 * runtime that ran them ({@link AuthorizationFilter#DONE}), and on a request that went through
 * no locator, it does nothing. A locator route whose resource method the runtime does not name is
 * denied (403), as an unidentified locator is everywhere. Thread-safe.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 1)
public final class LocatorRouteFilter implements ContainerRequestFilter {
    private static final System.Logger LOG = System.getLogger(LocatorRouteFilter.class.getName());
    private static final java.util.concurrent.atomic.AtomicBoolean UNIDENTIFIED_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(AuthorizationFilter.DONE) != null
                || request.getUriInfo().getMatchedResources().size() <= 1) {
            return;
        }
        Class<?> resourceClass = resourceInfo == null ? null : resourceInfo.getResourceClass();
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        ClassLoader loader = resourceClass != null ? JwtGuardFeature.applicationLoader(resourceClass)
                : Thread.currentThread().getContextClassLoader();
        if (loader == null || !JwtGuards.isActive(loader)) {
            return;
        }
        if (resourceClass == null || method == null) {
            // a locator route whose method this runtime does not tell: its requirements are unknown (fail closed)
            if (UNIDENTIFIED_WARNED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.ERROR, "JWT Guard: the JAX-RS runtime names no resource method for a "
                        + "request routed through a sub-resource locator; such requests are denied (logged once)");
            }
            request.abortWith(Response.status(Response.Status.FORBIDDEN).build());
            return;
        }
        JwtGuard guard = JwtGuards.obtain(loader, () -> PropertyLookups.forApplication(loader, null));
        if (!AuthenticationFilter.authenticate(guard, request)) {
            return;
        }
        new AuthorizationFilter(guard, JwtGuardFeature.requirements(resourceClass, method)).filter(request);
    }
}

package io.jwtguard.tck.servers.probe;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reports, from inside the server, who handles a request of an MP-JWT application: the servlet
 * filters registered, the request wrappers the request went through, the {@code JsonWebToken}
 * beans and the one CDI resolves, the principal seen by the servlet API and by JAX-RS, and whether
 * the server's own MP-JWT verified the token (TomEE's filter sets the request attribute
 * {@value #TOMEE_VERIFIED} when its verifier accepted a token), and whether the container's caller
 * principal ({@code @Inject Principal}, JAX-RS, Jakarta Security) is the token, with the role
 * checks it answers. One {@code key=value} per line; never a token.
 */
@Path("probe")
@RequestScoped
public class ProbeResource {
    /** Set by TomEE's {@code MPJWTFilter} once its own verifier has accepted the request's token. */
    static final String TOMEE_VERIFIED = "MP_JWT_PRE_LOGIN_STATE";

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Context
    ServletContext servletContext;

    @Inject
    JsonWebToken token;

    @Inject
    Principal principal;

    @Inject
    BeanManager beans;

    @Inject
    @Claim("raw_token")
    Instance<String> rawToken;

    @Inject
    @Claim("groups")
    Provider<Set<String>> groups;

    @GET
    @RolesAllowed("user")
    @Produces(MediaType.TEXT_PLAIN)
    public String probe() {
        StringBuilder out = new StringBuilder();
        ServletRequest real = unproxied(request);
        line(out, "filters", filters());
        line(out, "request-chain", chain(real));
        line(out, "server-verified-before", request.getAttribute(TOMEE_VERIFIED) != null);
        line(out, "injected-token-name", token.getName());
        line(out, "jaxrs-security-context", type(unproxiedContext(security)));
        line(out, "jaxrs-principal", type(security.getUserPrincipal()));
        line(out, "jaxrs-in-role-user", security.isUserInRole("user"));
        line(out, "server-verified-after-jaxrs", request.getAttribute(TOMEE_VERIFIED) != null);
        Principal servletPrincipal = real instanceof HttpServletRequest http ? http.getUserPrincipal() : null;
        line(out, "servlet-principal", type(servletPrincipal));
        line(out, "servlet-in-role-user", request.isUserInRole("user"));
        // the container's caller principal, seen three ways, and its role checks (token groups: [user])
        line(out, "injected-principal-is-token", principal instanceof JsonWebToken jwt
                && token.getName().equals(jwt.getName()) && token.getRawToken().equals(jwt.getRawToken()));
        line(out, "jaxrs-principal-is-token", security.getUserPrincipal() instanceof JsonWebToken jwt
                && token.getRawToken().equals(jwt.getRawToken()));
        line(out, "jakarta-security-caller-is-token", describe(() -> String.valueOf(
                jakartaSecurity("getCallerPrincipal") instanceof JsonWebToken jwt
                        && token.getRawToken().equals(jwt.getRawToken()))));
        line(out, "jakarta-security-in-role-user", describe(() -> String.valueOf(jakartaSecurity("isCallerInRole", "user"))));
        line(out, "jakarta-security-in-role-admin", describe(() -> String.valueOf(jakartaSecurity("isCallerInRole", "admin"))));
        line(out, "jaxrs-in-role-admin", security.isUserInRole("admin"));
        line(out, "servlet-auth-type", real instanceof HttpServletRequest http ? http.getAuthType() : null);
        line(out, "server-verified-after-servlet", request.getAttribute(TOMEE_VERIFIED) != null);
        line(out, "claim-instance-raw-token", describe(() -> "a string of " + rawToken.get().length() + " chars"));
        line(out, "claim-provider-groups", describe(() -> String.valueOf(groups.get())));
        Set<Bean<?>> candidates = beans.getBeans(JsonWebToken.class);
        List<String> names = new ArrayList<>();
        for (Bean<?> bean : candidates) {
            names.add(bean.getBeanClass().getName() + (bean.isAlternative() ? " (alternative)" : ""));
        }
        names.sort(null);
        line(out, "jsonwebtoken-beans", names);
        line(out, "jsonwebtoken-resolved", beans.resolve(candidates).getBeanClass().getName());
        return out.toString();
    }

    /**
     * Calls the server's Jakarta Security {@code SecurityContext} bean (its API is not on this
     * module's class path; the server's is): {@code getCallerPrincipal()} or {@code isCallerInRole(role)}.
     */
    private Object jakartaSecurity(String method, String... role) {
        try {
            Class<?> type = Class.forName("jakarta.security.enterprise.SecurityContext", true,
                    Thread.currentThread().getContextClassLoader());
            Bean<?> bean = beans.resolve(beans.getBeans(type));
            Object context = beans.getReference(bean, type, beans.createCreationalContext(bean));
            return role.length == 0 ? type.getMethod(method).invoke(context)
                    : type.getMethod(method, String.class).invoke(context, role[0]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value, or the failure's class and message (never a token: callers describe lengths). */
    private static String describe(java.util.function.Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            StringBuilder failure = new StringBuilder();
            for (Throwable t = e; t != null && failure.length() < 2000; t = t.getCause()) {
                failure.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" <- ");
            }
            return "FAILED " + failure;
        }
    }

    private static Object unproxiedContext(SecurityContext proxy) {
        try {
            return proxy.getClass().getMethod("get").invoke(proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return proxy;
        }
    }

    /** Open to everyone: what an anonymous request sees of the caller. */
    @GET
    @Path("anonymous")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public String anonymous() {
        StringBuilder out = new StringBuilder();
        line(out, "jaxrs-principal", describe(() -> type(security.getUserPrincipal())));
        ServletRequest real = unproxied(request);
        line(out, "servlet-principal", describe(() -> type(((HttpServletRequest) real).getUserPrincipal())));
        line(out, "injected-token-name", describe(() -> String.valueOf(token.getName())));
        return out.toString();
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append('=').append(value).append('\n');
    }

    private static String type(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** Filter names and classes, sorted by name. */
    private TreeMap<String, String> filters() {
        TreeMap<String, String> filters = new TreeMap<>();
        servletContext.getFilterRegistrations().forEach((name, registration) ->
                filters.put(name, registration.getClassName()));
        return filters;
    }

    /** The request's wrappers, outermost first. */
    private static List<String> chain(ServletRequest request) {
        List<String> chain = new ArrayList<>();
        ServletRequest current = request;
        while (current != null && chain.size() < 20 && !chain.contains(current.getClass().getName())) {
            chain.add(current.getClass().getName());
            current = current instanceof ServletRequestWrapper wrapper ? wrapper.getRequest() : wrapped(current);
        }
        return chain;
    }

    /** The request an adapter that is no {@code ServletRequestWrapper} holds (TomEE's CXF adapter), or null. */
    private static ServletRequest wrapped(ServletRequest request) {
        for (Class<?> type = request.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (ServletRequest.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        Object value = field.get(request);
                        if (value instanceof ServletRequest inner && inner != request) {
                            return inner;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The request object behind a JAX-RS runtime's thread-local proxy (CXF's has {@code get()}). */
    private static ServletRequest unproxied(HttpServletRequest proxy) {
        try {
            Method get = proxy.getClass().getMethod("get");
            Object real = get.invoke(proxy);
            if (real instanceof ServletRequest servletRequest) {
                return servletRequest;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not a proxy with get(): the request itself
        }
        return proxy;
    }
}

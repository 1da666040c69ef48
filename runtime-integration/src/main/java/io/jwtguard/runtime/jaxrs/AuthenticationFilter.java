package io.jwtguard.runtime.jaxrs;

import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Objects;

/**
 * Authenticates the request (or reuses the outcome the servlet filter found), refuses a bad
 * token, several tokens or a key outage, and makes a verified token the
 * {@code SecurityContext} principal. Registered per resource method by {@link JwtGuardFeature}
 * at {@code Priorities.AUTHENTICATION}. Thread-safe.
 */
final class AuthenticationFilter implements ContainerRequestFilter {
    private final JwtGuard guard;

    AuthenticationFilter(JwtGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        authenticate(guard, request);
    }

    /**
     * Authenticates the request once: a verified token becomes its security context; a refused
     * token, several tokens or an outage abort it.
     *
     * @return false when the request was aborted
     */
    static boolean authenticate(JwtGuard guard, ContainerRequestContext request) {
        AuthenticationOutcome outcome = guard.authenticator().authenticate(new ContainerRequestView(request));
        if (outcome instanceof AuthenticationOutcome.Authenticated authenticated) {
            boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
            request.setSecurityContext(new JwtSecurityContext(authenticated.token(), secure));
        } else if (!(outcome instanceof AuthenticationOutcome.Anonymous)) {
            request.abortWith(Refusals.of(outcome, guard.settings().realm(), guard.refusalBodies()));
            return false;
        }
        return true;
    }
}

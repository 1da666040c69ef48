package io.jwtguard.runtime.servlet;

import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Authenticates every request it covers, once: no token passes through anonymously (resources
 * decide whether that is enough); a verified token passes through as an
 * {@link AuthenticatedRequest}; a refused token, or more than one token, is answered here with
 * the RFC 6750 challenge (401 {@code invalid_token}, 400 {@code invalid_request}); a key outage
 * with 503 and {@code Retry-After}. The outcome is kept as a request attribute, so the JAX-RS
 * filters and CDI producers do not verify again.
 *
 * <p>Thread-safe.
 */
public final class JwtGuardFilter implements Filter {
    private final JwtGuard guard;

    /** @param guard the application's guard, not null */
    public JwtGuardFilter(JwtGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        AuthenticationOutcome outcome = guard.authenticator().authenticate(new ServletRequestView(http));
        if (outcome instanceof AuthenticationOutcome.Authenticated authenticated) {
            chain.doFilter(http.getUserPrincipal() == authenticated.token() ? http
                    : new AuthenticatedRequest(http, authenticated.token()), response);
        } else if (outcome instanceof AuthenticationOutcome.Anonymous) {
            chain.doFilter(request, response);
        } else if (response.isCommitted()) {
            // the Jakarta Security mechanism already answered this refusal (Open Liberty runs the
            // servlet filters even after the mechanism's SEND_FAILURE on an unprotected resource)
            return;
        } else {
            ChallengeResponder.refuse(outcome, guard.settings().realm(), (HttpServletResponse) response);
        }
    }

    @Override
    public String toString() {
        return "JwtGuardFilter[" + guard + "]";
    }
}

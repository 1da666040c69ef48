package io.jwtguard.runtime.servlet;

import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.UrlPatterns;
import io.jwtguard.runtime.security.tomee.TomEECaller;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;

/**
 * Authenticates every request it covers, once: no token passes through anonymously (resources
 * decide whether that is enough), except on {@code jwtguard.servlet-filter.required-patterns},
 * where it gets 401 {@code Bearer realm="..."} (no {@code error}, RFC 6750 section 3.1); a
 * verified token passes through as an {@link AuthenticatedRequest}; a refused token, or more
 * than one token, is answered here with the RFC 6750 challenge (401 {@code invalid_token}, 400 {@code invalid_request}); a key outage
 * with 503 and {@code Retry-After}. The outcome is kept as a request attribute, so the JAX-RS
 * filters and CDI producers do not verify again.
 *
 * <p>Thread-safe.
 */
public final class JwtGuardFilter implements Filter {
    /**
     * The servlet context attribute holding the {@link UrlPatterns} this filter was installed on, so
     * that the Jakarta Security mechanism (which runs before filters) knows which refusals the filter
     * will answer.
     */
    public static final String COVERAGE_ATTRIBUTE = "io.jwtguard.runtime.servlet.coverage";

    /**
     * Request wrappers of a server's own MicroProfile JWT that verify the token again, with the
     * server's rules, whenever asked for the principal or a role, and that the server cannot be
     * told to leave out: TomEE's {@code MPJWTFilter} (docs/servers.md, TomEE). A request this filter
     * covers is passed on without them, so each token is verified once, by JWT Guard.
     */
    static final Set<String> SERVER_VERIFYING_WRAPPERS =
            Set.of("org.apache.tomee.microprofile.jwt.MPJWTFilter$MPJWTServletRequestWrapper");

    private final JwtGuard guard;
    private final Set<String> serverWrappers;

    /** @param guard the application's guard, not null */
    public JwtGuardFilter(JwtGuard guard) {
        this(guard, SERVER_VERIFYING_WRAPPERS);
    }

    JwtGuardFilter(JwtGuard guard, Set<String> serverWrappers) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.serverWrappers = Set.copyOf(serverWrappers);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = withoutServerVerifier((HttpServletRequest) request);
        AuthenticationOutcome outcome = guard.authenticator().authenticate(new ServletRequestView(http));
        if (outcome instanceof AuthenticationOutcome.Authenticated authenticated) {
            // always wrapped, never asking the request for its principal: a server's own MP-JWT
            // filter before this one (TomEE's MPJWTFilter) verifies the token again when asked.
            // On TomEE the container's caller principal (@Inject Principal, the JAX-RS
            // SecurityContext) is TomEE's wrapper around the login; shown as the token meanwhile
            try (TomEECaller.Shown shown = TomEECaller.show(authenticated.token())) {
                chain.doFilter(new AuthenticatedRequest(http, authenticated.token()), response);
            }
        } else if (outcome instanceof AuthenticationOutcome.Anonymous) {
            UrlPatterns required = guard.settings().requiredPatterns();
            if (!required.isEmpty() && required.matches(pathWithinApplication(http))) {
                ChallengeResponder.refuse(outcome, guard.settings().realm(), guard.refusalBodies(),
                        (HttpServletResponse) response, guard.noTokenChallenge());
                return;
            }
            chain.doFilter(http, response);
        } else if (response.isCommitted()) {
            // something before us already answered this request (the Jakarta Security mechanism
            // itself never commits the response; the container sends its refusal)
            return;
        } else {
            ChallengeResponder.refuse(outcome, guard.settings().realm(), guard.refusalBodies(),
                        (HttpServletResponse) response, guard.noTokenChallenge());
        }
    }

    /** @return the request without the server's verifying wrappers ({@link #SERVER_VERIFYING_WRAPPERS}) */
    private HttpServletRequest withoutServerVerifier(HttpServletRequest request) {
        HttpServletRequest current = request;
        while (current instanceof HttpServletRequestWrapper wrapper && serverWrappers.contains(wrapper.getClass().getName())
                && wrapper.getRequest() instanceof HttpServletRequest inner) {
            current = inner;
        }
        return current;
    }

    /** Records, at installation, the URL patterns the filter covers in {@code context}. */
    public static void recordCoverage(ServletContext context, UrlPatterns patterns) {
        context.setAttribute(COVERAGE_ATTRIBUTE, Objects.requireNonNull(patterns, "patterns"));
    }

    /**
     * @param request a request
     * @return whether this application's filter is installed and covers the request
     */
    public static boolean covers(HttpServletRequest request) {
        Object coverage = request.getServletContext().getAttribute(COVERAGE_ATTRIBUTE);
        return coverage instanceof UrlPatterns && ((UrlPatterns) coverage).matches(pathWithinApplication(request));
    }

    /** @return the request's path within the application: servlet path plus path info, as the container decoded them */
    public static String pathWithinApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    @Override
    public String toString() {
        return "JwtGuardFilter[" + guard + "]";
    }
}

package io.jwtguard.runtime.security;

import io.jwtguard.runtime.guard.ContainerLogin;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.servlet.ChallengeResponder;
import io.jwtguard.runtime.servlet.ServletRequestView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Jakarta Security mechanism for bearer tokens. Uses the same once-per-request outcome as the
 * servlet filter and JAX-RS filters: a verified token is reported to the container with
 * {@code notifyContainerAboutLogin(token, groups)} where {@code jwtguard.security-mechanism.container-login}
 * says so (by default always; see {@link ContainerLogin}); no token passes anonymously unless the
 * container says the resource is protected (then 401 {@code Bearer realm="..."}); a refused token
 * gets the RFC 6750 challenge and a key outage 503 with {@code Retry-After}.
 *
 * <p>Added as a bean by the CDI extension only when the Jakarta Security API is present and
 * {@code jwtguard.security-mechanism.enabled} is not {@code false}. Public and not final only
 * because CDI proxies it.
 */
@ApplicationScoped
public class JwtGuardAuthenticationMechanism implements HttpAuthenticationMechanism {
    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Optional<JwtGuard> guard = guard(request);
        if (guard.isEmpty()) {
            return context.doNothing();
        }
        AuthenticationOutcome outcome = guard.get().authenticator().authenticate(new ServletRequestView(request));
        String realm = guard.get().settings().realm();
        if (outcome instanceof AuthenticationOutcome.Authenticated authenticated) {
            if (!guard.get().settings().containerLogin().appliesTo(context.isProtected())) {
                return context.doNothing(); // the servlet filter and JAX-RS filters carry the caller
            }
            return context.notifyContainerAboutLogin(authenticated.token(), authenticated.token().getGroups());
        }
        if (outcome instanceof AuthenticationOutcome.Anonymous) {
            if (!context.isProtected()) {
                return context.doNothing();
            }
            ChallengeResponder.write(BearerChallenge.noToken(realm), response);
            return AuthenticationStatus.SEND_FAILURE;
        }
        try {
            ChallengeResponder.refuse(outcome, realm, response);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the refusal", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** This application's guard, once found: the bean lives exactly as long as the application. */
    private volatile JwtGuard known;

    private Optional<JwtGuard> guard(HttpServletRequest request) {
        JwtGuard cached = known;
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JwtGuard> found = find(request);
        found.ifPresent(g -> known = g);
        return found;
    }

    private static Optional<JwtGuard> find(HttpServletRequest request) {
        ClassLoader loader = request.getServletContext().getClassLoader();
        Optional<JwtGuard> guard = JwtGuards.find(loader);
        if (guard.isEmpty()) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            guard = context == null ? Optional.empty() : JwtGuards.find(context);
        }
        return guard;
    }
}

package io.jwtguard.runtime.security;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.guard.CallerObservers;
import io.jwtguard.runtime.guard.ContainerLogin;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Jakarta Security mechanism for bearer tokens. Uses the same once-per-request outcome as the
 * servlet filter and JAX-RS filters: a verified token is reported to the container with
 * {@code notifyContainerAboutLogin(token, groups)} where {@code jwtguard.security-mechanism.container-login}
 * says so (by default {@code auto}: where the container protects the request, and everywhere in an
 * application where something observes the container's caller, {@link CallerObservers}; see
 * {@link ContainerLogin}); no token passes anonymously unless the
 * container says the resource is protected (then 401 {@code Bearer realm="..."}); a refused token
 * gets the RFC 6750 challenge and a key outage 503 with {@code Retry-After}, set on the response
 * without committing it (the container sends it), or left to JWT Guard's servlet filter where the
 * container does not protect the request and the filter covers it. A container that refuses the
 * login gets none any more, and JWT Guard's filters carry the caller. See {@link BearerMechanism}.
 *
 * <p>Added as a bean by the CDI extension only when the Jakarta Security API is present and
 * {@code jwtguard.security-mechanism.enabled} is not {@code false}. Public and not final only
 * because CDI proxies it.
 */
@ApplicationScoped
public class JwtGuardAuthenticationMechanism implements HttpAuthenticationMechanism {
    private final BearerMechanism mechanism = new BearerMechanism();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Optional<JwtGuard> guard = guard(request);
        if (guard.isEmpty()) {
            return context.doNothing();
        }
        return mechanism.validate(guard.get(), request, response, context.isProtected(), callerObserved,
                new BearerMechanism.Container<AuthenticationStatus>() {
                    @Override
                    public AuthenticationStatus doNothing() {
                        return context.doNothing();
                    }

                    @Override
                    public AuthenticationStatus login(VerifiedToken token) {
                        return context.notifyContainerAboutLogin(token, token.getGroups());
                    }

                    @Override
                    public AuthenticationStatus failure() {
                        return AuthenticationStatus.SEND_FAILURE;
                    }
                });
    }

    /** This application's guard, once found: the bean lives exactly as long as the application. */
    private volatile JwtGuard known;
    /**
     * Whether something in the application observes the container's caller ({@link CallerObservers},
     * recorded at deployment by the CDI extension); read with the guard, before which it is not used.
     */
    private volatile boolean callerObserved = true;

    private Optional<JwtGuard> guard(HttpServletRequest request) {
        JwtGuard cached = known;
        if (cached != null) {
            return Optional.of(cached);
        }
        ClassLoader loader = request.getServletContext().getClassLoader();
        Optional<JwtGuard> found = JwtGuards.find(loader);
        if (found.isEmpty()) {
            loader = Thread.currentThread().getContextClassLoader();
            found = loader == null ? Optional.empty() : JwtGuards.find(loader);
        }
        if (found.isPresent()) {
            callerObserved = JwtGuards.callerObservers(loader).needLogin();
            known = found.get();
        }
        return found;
    }
}

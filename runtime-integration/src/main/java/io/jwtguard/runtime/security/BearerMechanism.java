package io.jwtguard.runtime.security;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.servlet.ChallengeResponder;
import io.jwtguard.runtime.servlet.JwtGuardFilter;
import io.jwtguard.runtime.servlet.ServletRequestView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link JwtGuardAuthenticationMechanism} decides, without the Jakarta Security API: the
 * container's answers are reached through {@link Container}, so the decisions can be tested where
 * no Jakarta Security implementation runs.
 *
 * <ul>
 *   <li>The mechanism never writes a body, flushes or commits the response: on a refusal it sets
 *       the status and headers and returns {@code SEND_FAILURE}, and the container sends the
 *       response (WildFly calls {@code sendError}, which logs {@code UT010019} with a stack trace
 *       when the response is already committed).</li>
 *   <li>A refused token (or a key outage) on a request the container does not protect, and that
 *       JWT Guard's servlet filter covers, is left to the filter: the mechanism does nothing and
 *       the filter answers with the same challenge. The container then sees no failed
 *       authentication (Open Liberty logs {@code CWWKS1652A} for each {@code SEND_FAILURE}).</li>
 *   <li>When the container refuses the login of a verified caller (it throws: WildFly's Elytron
 *       without its MicroProfile JWT subsystem, {@code ELY01177}), the request proceeds without a
 *       container login, JWT Guard's own filters enforce the requirements, and the mechanism
 *       stops asking for this application: logged once, as a warning.</li>
 * </ul>
 *
 * <p>One instance per application (the mechanism bean is application-scoped). Thread-safe.
 */
final class BearerMechanism {
    private static final System.Logger LOG = System.getLogger(BearerMechanism.class.getName());

    /** Set once the container refused a login: later requests do not ask again. */
    private final AtomicBoolean loginRefused = new AtomicBoolean();

    /**
     * The three answers a mechanism can give.
     *
     * @param <S> the container's status type ({@code AuthenticationStatus})
     */
    interface Container<S> {
        /** The request proceeds without a container login ({@code HttpMessageContext.doNothing()}). */
        S doNothing();

        /** Reports the caller ({@code notifyContainerAboutLogin}); throws when the container refuses. */
        S login(VerifiedToken token);

        /** The mechanism refused the request; status and headers are set, the container sends the response. */
        S failure();
    }

    /**
     * @param guard the application's guard
     * @param request the request
     * @param response the response; only its status and headers are set, it is never committed here
     * @param containerProtected whether the container protects the request ({@code HttpMessageContext.isProtected()})
     * @param callerObserved whether something in the application observes the container's caller
     *     ({@link io.jwtguard.runtime.guard.CallerObservers}); decides the login with
     *     {@code container-login=auto}
     * @param container the container's answers
     * @return the container's status for the request
     */
    <S> S validate(JwtGuard guard, HttpServletRequest request, HttpServletResponse response, boolean containerProtected,
            boolean callerObserved, Container<S> container) {
        AuthenticationOutcome outcome = guard.authenticator().authenticate(new ServletRequestView(request));
        String realm = guard.settings().realm();
        if (outcome instanceof AuthenticationOutcome.Authenticated authenticated) {
            if (!guard.settings().containerLogin().appliesTo(containerProtected, callerObserved) || loginRefused.get()) {
                return container.doNothing(); // the servlet filter and JAX-RS filters carry the caller
            }
            try {
                return container.login(authenticated.token());
            } catch (RuntimeException e) {
                if (loginRefused.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "The container refused to log in a caller with a verified "
                            + "token (" + e + "); JWT Guard's servlet filter and JAX-RS filters enforce this "
                            + "application's requirements from now on without a container login, so container "
                            + "security (web.xml constraints, EJB @RolesAllowed, the container's Principal) does not "
                            + "see the caller. On WildFly, enable the microprofile-jwt-smallrye subsystem or set "
                            + "integrated-jaspi=\"false\" on the application-security-domain");
                }
                return container.doNothing();
            }
        }
        if (outcome instanceof AuthenticationOutcome.Anonymous) {
            if (!containerProtected) {
                return container.doNothing();
            }
            ChallengeResponder.write(guard.noTokenChallenge(), response);
            return container.failure();
        }
        if (!containerProtected && JwtGuardFilter.covers(request)) {
            return container.doNothing(); // the filter answers the same refusal, and commits it
        }
        ChallengeResponder.prepare(outcome, realm, response, guard.noTokenChallenge());
        return container.failure();
    }
}

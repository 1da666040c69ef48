package io.jwtguard.runtime.servlet;

import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.BearerChallenge;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes refusals on a servlet response: the status, {@code WWW-Authenticate} (RFC 6750) or
 * {@code Retry-After} (503), {@code Cache-Control: no-store}, and no body that could echo the
 * request. Stateless.
 */
public final class ChallengeResponder {
    private ChallengeResponder() {
    }

    /**
     * Answers a refusal and commits the response: for the servlet filter, which is the last to
     * handle the request.
     *
     * @param outcome a {@link AuthenticationOutcome.Rejected} or {@link AuthenticationOutcome.Unavailable}
     * @param realm the challenge realm
     * @param response the response, not committed
     */
    public static void refuse(AuthenticationOutcome outcome, String realm, HttpServletResponse response)
            throws IOException {
        prepare(outcome, realm, response);
        response.flushBuffer();
    }

    /**
     * Sets the status and headers of a refusal without writing or committing anything: for the
     * Jakarta Security mechanism, after which the container sends the response (WildFly calls
     * {@code sendError}, which fails on a committed response).
     *
     * @param outcome a {@link AuthenticationOutcome.Rejected} or {@link AuthenticationOutcome.Unavailable}
     * @param realm the challenge realm
     * @param response the response, not committed
     */
    public static void prepare(AuthenticationOutcome outcome, String realm, HttpServletResponse response) {
        response.resetBuffer();
        response.setHeader("Cache-Control", "no-store");
        if (outcome instanceof AuthenticationOutcome.Unavailable unavailable) {
            response.setHeader("Retry-After", Long.toString(unavailable.retryAfter().toSeconds()));
            response.setStatus(503);
        } else if (outcome instanceof AuthenticationOutcome.Rejected rejected) {
            write(BearerChallenge.rejected(realm, rejected.reason()), response);
        } else {
            write(BearerChallenge.noToken(realm), response);
        }
    }

    /** Sets the status and {@code WWW-Authenticate} of {@code challenge}. */
    public static void write(BearerChallenge challenge, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", challenge.headerValue());
        response.setStatus(challenge.status());
    }
}

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
     * @param outcome a {@link AuthenticationOutcome.Rejected} or {@link AuthenticationOutcome.Unavailable}
     * @param realm the challenge realm
     * @param response the response, not committed
     */
    public static void refuse(AuthenticationOutcome outcome, String realm, HttpServletResponse response)
            throws IOException {
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
        response.flushBuffer();
    }

    /** Sets the status and {@code WWW-Authenticate} of {@code challenge}. */
    public static void write(BearerChallenge challenge, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", challenge.headerValue());
        response.setStatus(challenge.status());
    }
}

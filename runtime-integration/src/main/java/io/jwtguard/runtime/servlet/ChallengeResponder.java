package io.jwtguard.runtime.servlet;

import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.http.Refusal;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import io.jwtguard.runtime.http.ResponseBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes refusals on a servlet response: the status, {@code WWW-Authenticate} (RFC 6750) or
 * {@code Retry-After} (503), {@code DPoP-Nonce} with a {@code use_dpop_nonce} refusal (RFC 9449), {@code Cache-Control: no-store}, and the body that
 * {@code jwtguard.error-body} chooses (none by default), which never echoes the request. Stateless.
 */
public final class ChallengeResponder {
    /** The header carrying a server nonce (RFC 9449 section 8). */
    public static final String DPOP_NONCE = "DPoP-Nonce";
    private ChallengeResponder() {
    }

    /**
     * Answers a refusal and commits the response: for the servlet filter, which is the last to
     * handle the request.
     *
     * @param outcome a {@link AuthenticationOutcome.Rejected} or {@link AuthenticationOutcome.Unavailable},
     *     or {@link AuthenticationOutcome.Anonymous} where a token is required
     * @param realm the challenge realm
     * @param bodies the writer of the body, not null
     * @param response the response, not committed
     * @param noToken the challenge answered without a token ({@code JwtGuard.noTokenChallenge()})
     */
    public static void refuse(AuthenticationOutcome outcome, String realm, RefusalBodyWriter bodies,
            HttpServletResponse response, BearerChallenge noToken) throws IOException {
        Optional<BearerChallenge> challenge = prepare(outcome, realm, response, noToken);
        Optional<ResponseBody> body = bodies.bodyFor(challenge.map(Refusal::of).orElseGet(Refusal::unavailable));
        if (body.isPresent()) {
            response.setContentType(body.get().contentType());
            response.setContentLength(body.get().length());
            response.getOutputStream().write(body.get().content());
        }
        response.flushBuffer();
    }

    /**
     * Sets the status and headers of a refusal without writing or committing anything: for the
     * Jakarta Security mechanism, after which the container sends the response (WildFly calls
     * {@code sendError}, which fails on a committed response). No body: the container's error
     * handling writes it.
     *
     * @param outcome a {@link AuthenticationOutcome.Rejected} or {@link AuthenticationOutcome.Unavailable},
     *     or {@link AuthenticationOutcome.Anonymous} where a token is required
     * @param realm the challenge realm
     * @param response the response, not committed
     * @param noToken the challenge answered without a token ({@code JwtGuard.noTokenChallenge()})
     * @return the challenge written; empty for a 503
     */
    public static Optional<BearerChallenge> prepare(AuthenticationOutcome outcome, String realm,
            HttpServletResponse response, BearerChallenge noToken) {
        response.resetBuffer();
        response.setHeader("Cache-Control", "no-store");
        if (outcome instanceof AuthenticationOutcome.Unavailable unavailable) {
            response.setHeader("Retry-After", Long.toString(unavailable.retryAfter().toSeconds()));
            response.setStatus(503);
            return Optional.empty();
        }
        BearerChallenge challenge = outcome instanceof AuthenticationOutcome.Rejected rejected
                ? BearerChallenge.rejected(realm, rejected) : noToken;
        if (outcome instanceof AuthenticationOutcome.Rejected rejected) {
            rejected.dpopNonce().ifPresent(nonce -> response.setHeader(DPOP_NONCE, nonce));
        }
        write(challenge, response);
        return Optional.of(challenge);
    }

    /** Sets the status and {@code WWW-Authenticate} of {@code challenge}. */
    public static void write(BearerChallenge challenge, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", challenge.headerValue());
        response.setStatus(challenge.status());
    }
}

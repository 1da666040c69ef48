package io.jwtguard.runtime.jaxrs;

import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.BearerChallenge;
import jakarta.ws.rs.core.Response;

/** JAX-RS responses for refusals, with the same headers as the servlet path. Stateless. */
final class Refusals {
    private Refusals() {
    }

    static Response of(AuthenticationOutcome outcome, String realm) {
        if (outcome instanceof AuthenticationOutcome.Unavailable unavailable) {
            return Response.status(503).header("Retry-After", unavailable.retryAfter().toSeconds())
                    .header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof AuthenticationOutcome.Rejected rejected) {
            return of(BearerChallenge.rejected(realm, rejected.reason()));
        }
        return of(BearerChallenge.noToken(realm));
    }

    static Response of(BearerChallenge challenge) {
        return Response.status(challenge.status()).header("WWW-Authenticate", challenge.headerValue())
                .header("Cache-Control", "no-store").build();
    }

    static Response forbidden() {
        return Response.status(403).header("Cache-Control", "no-store").build();
    }
}

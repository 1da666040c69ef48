package io.jwtguard.runtime.jaxrs;

import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.http.Refusal;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import jakarta.ws.rs.core.Response;

/**
 * JAX-RS responses for refusals, with the same headers and body as the servlet path. Stateless.
 */
final class Refusals {
    private Refusals() {
    }

    static Response of(AuthenticationOutcome outcome, String realm, RefusalBodyWriter bodies) {
        if (outcome instanceof AuthenticationOutcome.Unavailable unavailable) {
            return withBody(Response.status(503).header("Retry-After", unavailable.retryAfter().toSeconds()),
                    Refusal.unavailable(), bodies);
        }
        if (outcome instanceof AuthenticationOutcome.Rejected rejected) {
            BearerChallenge challenge = BearerChallenge.rejected(realm, rejected);
            Response.ResponseBuilder response = Response.status(challenge.status())
                    .header("WWW-Authenticate", challenge.headerValue());
            // RFC 9449 section 9: a use_dpop_nonce refusal hands out the nonce to use
            rejected.dpopNonce().ifPresent(nonce -> response.header("DPoP-Nonce", nonce));
            return withBody(response, Refusal.of(challenge), bodies);
        }
        return of(BearerChallenge.noToken(realm), bodies);
    }

    static Response of(BearerChallenge challenge, RefusalBodyWriter bodies) {
        return withBody(Response.status(challenge.status()).header("WWW-Authenticate", challenge.headerValue()),
                Refusal.of(challenge), bodies);
    }

    static Response forbidden(RefusalBodyWriter bodies) {
        return withBody(Response.status(403), Refusal.denied(), bodies);
    }

    private static Response withBody(Response.ResponseBuilder response, Refusal refusal, RefusalBodyWriter bodies) {
        response.header("Cache-Control", "no-store");
        bodies.bodyFor(refusal).ifPresent(body -> response.entity(body.content()).type(body.contentType()));
        return response.build();
    }
}

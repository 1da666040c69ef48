package io.jwtguard.runtime.endpoint;

import io.jwtguard.core.availability.OutageWarning;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.EndpointSettings;
import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Writes token responses (RFC 6749 section 5.1) the way the endpoints do: the access token in
 * the JSON body, the refresh token in the {@code __Host-} cookie or in the body, by
 * configuration, and {@code Cache-Control: no-store}; {@code token_type} {@code DPoP} for tokens bound
 * to a DPoP key, else {@code Bearer}. An application's login calls {@link #issue} after it
 * authenticated the user, so login and refresh answer alike, DPoP included. Stateless.
 */
public final class TokenResponses {
    private static final System.Logger LOG = System.getLogger(TokenResponses.class.getName());
    // one line a minute while the replay cache cannot record, not one per request
    private static final OutageWarning REPLAY_WARNING = OutageWarning.logging(LOG);

    private TokenResponses() {
    }

    /**
     * The token service of the application running on this thread (its context class loader).
     *
     * @throws IllegalStateException if the application has no JWT Guard or no token service
     */
    public static TokenService tokenService() {
        return guard().configuration().tokenService().orElseThrow(() -> new IllegalStateException(
                "the token service is off; set jwtguard.token-service.enabled=true"));
    }

    /**
     * Issues a token pair for a user the application has just authenticated and writes it as the
     * response (status 200).
     *
     * <p><b>DPoP</b> (RFC 9449 section 5), as {@code jwtguard.endpoints.dpop} says ({@code allowed} by
     * default): when the request carries a {@code DPoP} header, its proof is checked ({@code htm} the
     * request's method, {@code htu} this request's URL, honouring
     * {@code jwtguard.dpop.external-base-url}; one use, through the application's replay cache) and the
     * tokens are bound to its key: the access token carries {@code cnf.jkt}, {@code token_type} is
     * {@code DPoP}, and the refresh family needs that key's proofs from then on. A proof that fails a
     * check, or a missing one under {@code required}, is answered here with 400
     * {@code {"error":"invalid_dpop_proof"}} and nothing is issued.
     *
     * @param request the login request (its {@code DPoP} header, its URL, the context path of the
     *     cookie), not null
     * @param response the response to write, not committed yet
     * @param subject the authenticated user, not null
     * @param scope the granted scope, not null
     * @param groups the user's groups, not null
     * @return true if tokens were issued; false if the response is a DPoP refusal (400) or a 503 because
     *     the replay cache could not record the proof
     * @throws io.jwtguard.core.store.StoreUnavailableException if the grant cannot be stored
     */
    public static boolean issue(HttpServletRequest request, HttpServletResponse response, String subject,
            Set<String> scope, Set<String> groups) throws IOException {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(request, "request");
        JwtGuard guard = guard();
        EndpointSettings settings = guard.configuration().endpoints();
        TokenService service = tokenService();
        TokenRequestProofs.Checked proof = TokenRequestProofs.check(request, response, guard, settings);
        if (proof.answered()) {
            return false;
        }
        TokenPair pair = service.issue(subject, settings.clientId(), scope, groups, proof.thumbprint());
        TokenRequestProofs.freshNonce(response, guard, settings);
        write(response, settings, pair, guard.clock(), request);
        return true;
    }

    /** Answers 503 when the DPoP replay cache cannot record a proof. */
    static void unavailable(HttpServletResponse response, VerificationUnavailableException e) throws IOException {
        REPLAY_WARNING.warn("Cannot record a DPoP proof, answering 503: " + e.getMessage());
        response.setHeader("Retry-After", String.valueOf(e.retryAfter().orElse(Duration.ofSeconds(5)).toSeconds()));
        error(response, 503, "temporarily_unavailable", "The service cannot handle the request now; retry later");
    }

    static JwtGuard guard() {
        return JwtGuards.find(Thread.currentThread().getContextClassLoader()).orElseThrow(() ->
                new IllegalStateException("JWT Guard is not active in this application"));
    }

    /** Writes a successful token response. */
    static void write(HttpServletResponse response, EndpointSettings settings, TokenPair pair, Clock clock,
            HttpServletRequest request) throws IOException {
        long expiresIn = Duration.between(pair.accessToken().issuedAt(), pair.accessToken().expiresAt()).getSeconds();
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("access_token", pair.accessToken().value())
                // RFC 9449 section 5: a bound access token is of type DPoP
                .add("token_type", pair.dpopThumbprint().isPresent() ? "DPoP" : "Bearer")
                .add("expires_in", expiresIn);
        if (!pair.scope().isEmpty()) {
            body.add("scope", String.join(" ", pair.scope()));
        }
        if (settings.transport() == EndpointSettings.RefreshTransport.BODY) {
            body.add("refresh_token", pair.refreshToken().value());
        } else {
            long maxAge = Math.max(0, Duration.between(clock.instant(),
                    pair.refreshToken().family().absoluteExpiry()).getSeconds());
            response.addHeader("Set-Cookie", cookie(settings, contextPath(request), pair.refreshToken().value(), maxAge));
        }
        json(response, 200, body.build().toString());
    }

    /** Writes an RFC 6749 section 5.2 error. */
    static void error(HttpServletResponse response, int status, String code, String description) throws IOException {
        json(response, status, Json.createObjectBuilder().add("error", code).add("error_description", description)
                .build().toString());
    }

    /** The Set-Cookie value that deletes the refresh-token cookie. */
    static String clearCookie(EndpointSettings settings, HttpServletRequest request) {
        return cookie(settings, contextPath(request), "", 0);
    }

    /**
     * Written by hand: Servlet 5 containers have no SameSite attribute on {@code Cookie}. The value
     * is base64url, so it needs no quoting.
     */
    static String cookie(EndpointSettings settings, String contextPath, String value, long maxAgeSeconds) {
        String path = settings.cookieName().startsWith("__Host-") ? "/" : contextPath + settings.cookiePath();
        return settings.cookieName() + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds
                + "; Secure; HttpOnly; SameSite=Strict";
    }

    private static String contextPath(HttpServletRequest request) {
        return request == null ? "" : request.getContextPath();
    }

    static void json(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentType("application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

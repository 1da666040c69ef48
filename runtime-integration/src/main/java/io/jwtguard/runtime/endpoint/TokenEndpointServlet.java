package io.jwtguard.runtime.endpoint;

import io.jwtguard.core.availability.OutageWarning;
import io.jwtguard.core.config.EndpointSettings;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.core.refresh.RefreshFailure;
import io.jwtguard.core.refresh.RefreshRejectedException;
import io.jwtguard.core.store.StoreUnavailableException;
import io.jwtguard.runtime.guard.JwtGuard;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The token endpoints of one application, mapped to the configured paths:
 *
 * <ul>
 *   <li><b>refresh</b> ({@code POST}, form-encoded, {@code grant_type=refresh_token}, RFC 6749
 *       section 6): rotates the refresh token and returns a new access token; errors are RFC 6749
 *       section 5.2 codes with one description for every {@code invalid_grant}, so a response
 *       never reveals whether a token existed; 503 {@code temporarily_unavailable} when the store
 *       cannot record the rotation (fail closed). <b>DPoP</b> (RFC 9449 section 5,
 *       {@code jwtguard.endpoints.dpop}): a proof in the {@code DPoP} header is checked like at login
 *       ({@link TokenResponses#issue}); a family bound at login is refreshed only with a proof by its
 *       key, else 400 {@code invalid_dpop_proof} and the family is left as it was; its new access
 *       tokens keep {@code cnf.jkt} and {@code token_type} {@code DPoP}.</li>
 *   <li><b>revoke</b> ({@code POST}, {@code token}, RFC 7009): 200 whether or not the token was
 *       valid; an access token is revoked by {@code jti}, a refresh token with its family; in
 *       cookie mode without {@code token} the cookie's refresh token is revoked (logout) and the
 *       cookie cleared. A refresh token of a DPoP-bound family is revoked only with a proof by its key
 *       (else 400 {@code invalid_dpop_proof}, nothing revoked), so a thief without the key cannot end
 *       the user's session; with {@code jwtguard.endpoints.dpop=off} no proof can be shown, and such a
 *       family is revoked without one.</li>
 *   <li><b>JWKS</b> ({@code GET}): the public signing keys.</li>
 * </ul>
 *
 * <p><b>Cookie mode</b> (default): the refresh token travels only in an HttpOnly, Secure,
 * SameSite=Strict cookie ({@code __Host-} prefix, or {@code __Secure-} with a Path narrowed to
 * the endpoints). Because a browser attaches cookies by itself, every request that uses the
 * cookie must pass a CSRF defence: the configured custom header must be present (a cross-site
 * form cannot set it, and a cross-site script cannot without a CORS preflight we never grant),
 * and {@code Origin} must be present and be the endpoint's own origin or an allowed one.
 *
 * <p>Nothing here logs a token. Thread-safe.
 */
final class TokenEndpointServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(TokenEndpointServlet.class.getName());
    // one line a minute while the store is down, not one per refresh (the class is per application)
    private static final OutageWarning STORE_WARNING = OutageWarning.logging(LOG);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final transient JwtGuard guard;
    private final transient TokenService service;
    private final transient EndpointSettings settings;

    TokenEndpointServlet(JwtGuard guard, TokenService service, EndpointSettings settings) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.service = Objects.requireNonNull(service, "service");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!path(request).equals(settings.jwksPath())) {
            methodNotAllowed(response, "POST");
            return;
        }
        byte[] jwks = service.jwks().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/jwk-set+json");
        // well under the signing keys' publish-ahead time, so verifiers see a new key before it signs
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(jwks.length);
        response.getOutputStream().write(jwks);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        try {
            if (path.equals(settings.tokenPath())) {
                refresh(request, response);
            } else if (path.equals(settings.revokePath())) {
                revoke(request, response);
            } else {
                methodNotAllowed(response, "GET");
            }
        } catch (StoreUnavailableException e) {
            STORE_WARNING.warn("Token store unavailable, answering 503: " + e.getMessage());
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            TokenResponses.error(response, 503, "temporarily_unavailable",
                    "The service cannot handle the request now; retry later");
        }
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"refresh_token".equals(request.getParameter("grant_type"))) {
            TokenResponses.error(response, 400, request.getParameter("grant_type") == null ? "invalid_request"
                    : "unsupported_grant_type", "Only grant_type=refresh_token is served here");
            return;
        }
        String clientId = request.getParameter("client_id");
        if (clientId != null && !clientId.equals(settings.clientId())) {
            TokenResponses.error(response, 401, "invalid_client", "Unknown client");
            return;
        }
        String token;
        if (settings.transport() == EndpointSettings.RefreshTransport.COOKIE) {
            if (!csrfDefencePassed(request, response)) {
                return;
            }
            if (request.getParameter("refresh_token") != null) {
                // a cookie client never handles the token; one in the body means a confused or hostile caller
                TokenResponses.error(response, 400, "invalid_request", "The refresh token travels in its cookie");
                return;
            }
            token = cookie(request);
        } else {
            token = request.getParameter("refresh_token");
        }
        Set<String> scope = scope(request.getParameter("scope"));
        TokenRequestProofs.Checked proof = TokenRequestProofs.check(request, response, guard, settings);
        if (proof.answered()) {
            return; // nothing was looked up or rotated: the refresh token stays usable with a good proof
        }
        try {
            TokenPair pair = service.refresh(token, settings.clientId(), scope, proof.thumbprint());
            TokenRequestProofs.freshNonce(response, guard, settings);
            TokenResponses.write(response, settings, pair, guard.clock(), request);
        } catch (RefreshRejectedException e) {
            RefreshFailure reason = e.reason();
            if (settings.transport() == EndpointSettings.RefreshTransport.COOKIE
                    && reason.errorCode().equals("invalid_grant")) {
                response.addHeader("Set-Cookie", TokenResponses.clearCookie(settings, request));
            }
            TokenResponses.error(response, reason.httpStatus(), reason.errorCode(), reason.description());
        }
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        boolean fromCookie = false;
        if (token == null && settings.transport() == EndpointSettings.RefreshTransport.COOKIE) {
            if (!csrfDefencePassed(request, response)) {
                return;
            }
            token = cookie(request);
            fromCookie = true;
        }
        if (token == null || token.isEmpty()) {
            TokenResponses.error(response, 400, "invalid_request", "The token parameter is missing");
            return;
        }
        TokenRequestProofs.Checked proof = TokenRequestProofs.check(request, response, guard, settings);
        if (proof.answered()) {
            return;
        }
        try {
            // RFC 7009 section 2.2: invalid tokens do not cause an error. With DPoP off here no proof can
            // be shown, so families bound earlier are revoked without one: logout must keep working
            if (settings.dpop() == DPoPMode.OFF) {
                service.revoke(token);
            } else {
                service.revoke(token, proof.thumbprint());
            }
        } catch (RefreshRejectedException e) {
            // a DPoP-bound family without its key's proof: refused loudly, so a client never believes
            // it logged out when it did not
            TokenResponses.error(response, e.reason().httpStatus(), e.reason().errorCode(), e.reason().description());
            return;
        }
        if (fromCookie) {
            response.addHeader("Set-Cookie", TokenResponses.clearCookie(settings, request));
        }
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }

    /** The custom header and an allowed {@code Origin}; answers 403 itself when they fail. */
    private boolean csrfDefencePassed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String marker = request.getHeader(settings.csrfHeader());
        String origin = request.getHeader("Origin");
        boolean originAllowed = origin != null && (settings.allowedOrigins().contains(origin)
                || origin.equalsIgnoreCase(ownOrigin(request)));
        if (marker == null || marker.isBlank() || !originAllowed) {
            TokenResponses.error(response, 403, "invalid_request", "Cross-site request refused: send the "
                    + settings.csrfHeader() + " header from an allowed origin");
            return false;
        }
        return true;
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String found = null;
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(settings.cookieName())) {
                if (found != null) {
                    return null; // two cookies of our name: one was planted; trust neither
                }
                found = cookie.getValue();
            }
        }
        return found;
    }

    private static Set<String> scope(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return new LinkedHashSet<>(Arrays.asList(value.trim().split(" +")));
    }

    private static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private static void methodNotAllowed(HttpServletResponse response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        TokenResponses.error(response, 405, "invalid_request", "Method not allowed");
    }
}

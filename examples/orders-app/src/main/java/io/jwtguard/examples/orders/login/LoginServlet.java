package io.jwtguard.examples.orders.login;

import io.jwtguard.runtime.endpoint.TokenResponses;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The application's own login: {@code POST /auth/login} with form fields {@code username} and
 * {@code password}. A demo user whose password matches its PBKDF2 hash gets an access token (JSON
 * body) and a refresh token (HttpOnly cookie, or the body, by {@code jwtguard.endpoints.*}) from
 * JWT Guard's token service, written exactly as the refresh endpoint writes them. With a
 * {@code DPoP} proof header (RFC 9449), {@code TokenResponses.issue} checks the proof and binds both
 * tokens to its key ({@code token_type} {@code DPoP}, {@code cnf.jkt}).
 *
 * <p>Refusals: 401 {@code invalid_grant} for an unknown user or a wrong password (the same answer
 * for both), 400 for missing fields, 400 {@code invalid_dpop_proof} for a bad proof (written by
 * {@code TokenResponses.issue}), 403 when a browser's {@code Origin} is not this server's (login
 * CSRF), 503 when the token service is switched off. Nothing here logs a password or token.
 */
@WebServlet("/auth/login")
public class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient DemoUsers users;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!sameOriginOrNone(request)) {
            error(response, 403, "invalid_request", "Cross-site login refused");
            return;
        }
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            error(response, 400, "invalid_request", "username and password are required");
            return;
        }
        char[] secret = password.toCharArray();
        Optional<DemoUsers.User> user;
        try {
            user = users.authenticate(name, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (user.isEmpty()) {
            error(response, 401, "invalid_grant", "Unknown user or wrong password");
            return;
        }
        try {
            TokenResponses.issue(request, response, user.get().name(), user.get().scope(), user.get().groups());
        } catch (IllegalStateException e) {
            error(response, 503, "temporarily_unavailable", "This server does not issue tokens");
        }
    }

    /** Browsers send {@code Origin} on every POST; tools such as curl send none. */
    private static boolean sameOriginOrNone(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        return origin.equalsIgnoreCase(scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port));
    }

    private static void error(HttpServletResponse response, int status, String code, String description)
            throws IOException {
        byte[] body = Json.createObjectBuilder().add("error", code).add("error_description", description).build()
                .toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

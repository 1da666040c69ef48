package io.jwtguard.runtime.servlet;

import io.jwtguard.core.verify.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Objects;

/**
 * A request authenticated by a bearer token: {@link #getUserPrincipal()} is the token (a
 * {@code JsonWebToken}), {@link #isUserInRole(String)} follows its groups ({@code **} means any
 * authenticated caller), {@link #getAuthType()} is {@code MP-JWT}.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {
    /** The authentication type reported for bearer-token requests. */
    public static final String AUTH_TYPE = "MP-JWT";

    private final VerifiedToken token;

    /**
     * @param request the request, not null
     * @param token its verified token, not null
     */
    public AuthenticatedRequest(HttpServletRequest request, VerifiedToken token) {
        super(request);
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public Principal getUserPrincipal() {
        return token;
    }

    @Override
    public String getRemoteUser() {
        return token.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && ("**".equals(role) || token.getGroups().contains(role));
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }
}

package io.jwtguard.runtime.jaxrs;

import io.jwtguard.core.verify.VerifiedToken;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;

/**
 * The {@code SecurityContext} of a request authenticated by a bearer token: the principal is the
 * token (a {@code JsonWebToken}), roles are its groups ({@code **} means any authenticated
 * caller), the scheme is {@code MP-JWT}; {@code isSecure} is the original context's. Immutable.
 */
public final class JwtSecurityContext implements SecurityContext {
    private final VerifiedToken token;
    private final boolean secure;

    /**
     * @param token the verified token, not null
     * @param secure whether the request came over a secure channel
     */
    public JwtSecurityContext(VerifiedToken token, boolean secure) {
        this.token = Objects.requireNonNull(token, "token");
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return token;
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && ("**".equals(role) || token.getGroups().contains(role));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "MP-JWT";
    }
}

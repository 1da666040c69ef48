package io.jwtguard.core.config;

import java.util.Objects;

/**
 * Where requests carry the token (MicroProfile JWT {@code mp.jwt.token.header} and
 * {@code mp.jwt.token.cookie}). Immutable.
 *
 * @param headerName {@code Authorization} (default), {@code Cookie}, or another header name
 * @param cookieName the cookie name when {@code headerName} is {@code Cookie}; {@code Bearer} by default
 */
public record TokenTransport(String headerName, String cookieName) {
    /** The default: {@code Authorization: Bearer}. */
    public static final TokenTransport DEFAULT = new TokenTransport("Authorization", "Bearer");

    public TokenTransport {
        Objects.requireNonNull(headerName, "headerName");
        Objects.requireNonNull(cookieName, "cookieName");
    }

    /** @return whether the token travels in a cookie */
    public boolean usesCookie() {
        return headerName.equalsIgnoreCase("Cookie");
    }
}

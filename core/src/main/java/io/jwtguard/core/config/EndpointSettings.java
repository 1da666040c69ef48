package io.jwtguard.core.config;

import io.jwtguard.core.dpop.DPoPMode;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the token endpoints the runtime installs (refresh-token grant, RFC 7009 revocation,
 * JWKS). Plain values; the runtime does the HTTP. Immutable.
 *
 * @param enabled whether the endpoints are installed
 * @param tokenPath path of the refresh-token grant endpoint
 * @param revokePath path of the revocation endpoint
 * @param jwksPath path of the JWKS endpoint
 * @param transport where the refresh token travels
 * @param cookieName the refresh-token cookie's name ({@code __Host-} or {@code __Secure-} prefix)
 * @param csrfHeader the header cookie-based requests must carry
 * @param allowedOrigins origins allowed to send cookie-based requests; empty means the endpoint's own
 * @param clientId the client id of the families these endpoints serve
 * @param dpop DPoP (RFC 9449 section 5) at login ({@code TokenResponses.issue}) and at the refresh
 *     endpoint: {@link DPoPMode#OFF} ignores proofs and issues bearer tokens; {@link DPoPMode#ALLOWED}
 *     (the default) binds the tokens to the key of a valid proof and issues bearer tokens without one;
 *     {@link DPoPMode#REQUIRED} refuses a token request without a proof. A family bound at login needs
 *     its key's proof to refresh in every mode (with {@code off} it can no longer be refreshed) and to
 *     be revoked unless the mode is {@code off}
 */
public record EndpointSettings(boolean enabled, String tokenPath, String revokePath, String jwksPath,
        RefreshTransport transport, String cookieName, String csrfHeader, Set<String> allowedOrigins,
        String clientId, DPoPMode dpop) {
    /** The defaults, endpoints off. */
    public static final EndpointSettings DEFAULTS = new EndpointSettings(false, "/oauth/token", "/oauth/revoke",
            "/.well-known/jwks.json", RefreshTransport.COOKIE, "__Host-jwtguard-refresh", "X-JWT-Guard-CSRF", Set.of(),
            "web", DPoPMode.ALLOWED);

    /** Settings with DPoP {@code allowed}, the default. */
    public EndpointSettings(boolean enabled, String tokenPath, String revokePath, String jwksPath,
            RefreshTransport transport, String cookieName, String csrfHeader, Set<String> allowedOrigins,
            String clientId) {
        this(enabled, tokenPath, revokePath, jwksPath, transport, cookieName, csrfHeader, allowedOrigins, clientId,
                DPoPMode.ALLOWED);
    }

    /** Where the refresh token travels between browser and endpoint. */
    public enum RefreshTransport {
        /** An HttpOnly, Secure, SameSite=Strict cookie; requests need the CSRF header and an allowed Origin. */
        COOKIE,
        /** The {@code refresh_token} form parameter (RFC 6749 section 6) and the JSON response body. */
        BODY;

        /** @return the constant for a property value, case-insensitive, or null */
        static RefreshTransport parse(String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "cookie":
                    return COOKIE;
                case "body":
                    return BODY;
                default:
                    return null;
            }
        }
    }

    public EndpointSettings {
        Objects.requireNonNull(tokenPath, "tokenPath");
        Objects.requireNonNull(revokePath, "revokePath");
        Objects.requireNonNull(jwksPath, "jwksPath");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(cookieName, "cookieName");
        Objects.requireNonNull(csrfHeader, "csrfHeader");
        allowedOrigins = Set.copyOf(allowedOrigins);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(dpop, "dpop");
    }

    /**
     * The cookie's Path, relative to the application's context path: {@code /} for a
     * {@code __Host-} cookie (browsers accept that prefix only with {@code Path=/}), else the
     * narrowest path covering the token and revocation endpoints (their common parent, for
     * example {@code /oauth}), so the browser sends the refresh token to those endpoints only.
     */
    public String cookiePath() {
        if (cookieName.startsWith("__Host-")) {
            return "/";
        }
        String[] a = tokenPath.split("/");
        String[] b = revokePath.split("/");
        StringBuilder common = new StringBuilder();
        for (int i = 1; i < Math.min(a.length, b.length) && a[i].equals(b[i]); i++) {
            common.append('/').append(a[i]);
        }
        return common.length() == 0 ? "/" : common.toString();
    }
}

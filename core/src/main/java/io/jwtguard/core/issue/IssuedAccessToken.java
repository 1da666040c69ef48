package io.jwtguard.core.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token just signed. Immutable; {@link #toString()} never shows the token.
 *
 * @param value the compact JWS, not null
 * @param jti its {@code jti}, for revocation, not null
 * @param issuedAt its {@code iat}, not null
 * @param expiresAt its {@code exp}, not null
 */
public record IssuedAccessToken(String value, String jti, Instant issuedAt, Instant expiresAt) {
    public IssuedAccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}

package io.jwtguard.core.issue;

import io.jwtguard.core.refresh.IssuedRefreshToken;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a login or a refresh hands to the client. Immutable; {@link #toString()} shows no token.
 *
 * @param accessToken the access token, not null
 * @param refreshToken the (rotated) refresh token, not null
 * @param scope the scope of the access token (the grant's, or a narrower requested one); copied
 */
public record TokenPair(IssuedAccessToken accessToken, IssuedRefreshToken refreshToken, Set<String> scope) {
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        scope = Set.copyOf(scope);
    }

    /**
     * @return the RFC 7638 thumbprint of the DPoP key the grant is bound to (the access token's
     *     {@code cnf.jkt}, RFC 9449), empty for bearer tokens
     */
    public Optional<String> dpopThumbprint() {
        return Optional.ofNullable(refreshToken.family().dpopThumbprint());
    }

    @Override
    public String toString() {
        return "TokenPair[" + accessToken + ", " + refreshToken + "]";
    }
}

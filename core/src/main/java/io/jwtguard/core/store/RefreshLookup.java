package io.jwtguard.core.store;

import java.util.Objects;

/**
 * A stored refresh token with its family, read together. Immutable.
 *
 * @param token the token record, not null
 * @param family its family, not null
 */
public record RefreshLookup(RefreshTokenRecord token, RefreshFamily family) {
    public RefreshLookup {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(family, "family");
    }
}

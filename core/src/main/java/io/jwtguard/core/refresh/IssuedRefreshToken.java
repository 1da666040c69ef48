package io.jwtguard.core.refresh;

import io.jwtguard.core.store.RefreshFamily;
import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token just issued: the only moment its value exists outside the client. Immutable;
 * {@link #toString()} never shows the value.
 *
 * @param value the opaque token to hand to the client, not null
 * @param family its family (grant), not null
 * @param expiresAt when it stops being usable if not used (idle expiry, capped at the absolute expiry)
 */
public record IssuedRefreshToken(String value, RefreshFamily family, Instant expiresAt) {
    public IssuedRefreshToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedRefreshToken[family=" + family.familyId() + ", expiresAt=" + expiresAt + "]";
    }
}

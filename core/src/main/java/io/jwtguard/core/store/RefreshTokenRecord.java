package io.jwtguard.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One refresh token as stored: only the hash of its value, never the value. Immutable.
 *
 * @param tokenHash base64url SHA-256 of the token value, not null
 * @param familyId the family it belongs to, not null
 * @param issuedAt when it was issued, not null
 * @param expiresAt idle expiry: issuedAt + idle timeout, capped at the family's absolute expiry
 * @param state {@link RefreshTokenState#ACTIVE} until used
 * @param rotatedAt when it was used, or null while active
 * @param successorHash the hash of the token that replaced it, or null while active
 */
public record RefreshTokenRecord(String tokenHash, String familyId, Instant issuedAt, Instant expiresAt,
        RefreshTokenState state, Instant rotatedAt, String successorHash) {
    public RefreshTokenRecord {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
    }

    /** A fresh, active token. */
    public static RefreshTokenRecord active(String tokenHash, String familyId, Instant issuedAt, Instant expiresAt) {
        return new RefreshTokenRecord(tokenHash, familyId, issuedAt, expiresAt, RefreshTokenState.ACTIVE, null, null);
    }

    /** @return this token marked rotated at {@code at}, replaced by {@code successor} */
    public RefreshTokenRecord rotated(Instant at, String successor) {
        return new RefreshTokenRecord(tokenHash, familyId, issuedAt, expiresAt, RefreshTokenState.ROTATED, at,
                successor);
    }

    @Override
    public String toString() {
        // the hash is not the token, but it is still a lookup key: keep it out of logs
        return "RefreshTokenRecord[family=" + familyId + ", state=" + state + ", expiresAt=" + expiresAt + "]";
    }
}

package io.jwtguard.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A refresh-token family: one grant (one login of one subject at one client) and every refresh
 * token rotated from it. Immutable.
 *
 * @param familyId random identifier, not secret, not null
 * @param subject the {@code sub} of the access tokens issued from this grant, not null
 * @param clientId the client the grant belongs to, not null
 * @param scope the granted scope, never widened by a refresh; copied
 * @param groups the groups put into access tokens issued from this grant; copied
 * @param createdAt when the grant was made, not null
 * @param absoluteExpiry when the grant ends, whatever rotation happens; never extended, not null
 * @param revokedAt when the family was revoked, or null while it is live
 * @param dpopThumbprint the RFC 7638 thumbprint of the DPoP key the grant is bound to (RFC 9449
 *     section 5): every refresh must be proven with that key, and every access token issued from the
 *     family carries it as {@code cnf.jkt}; null for a bearer grant. Fixed for the family's life
 */
public record RefreshFamily(String familyId, String subject, String clientId, Set<String> scope, Set<String> groups,
        Instant createdAt, Instant absoluteExpiry, Instant revokedAt, String dpopThumbprint) {

    /** A bearer family: bound to no DPoP key. */
    public RefreshFamily(String familyId, String subject, String clientId, Set<String> scope, Set<String> groups,
            Instant createdAt, Instant absoluteExpiry, Instant revokedAt) {
        this(familyId, subject, clientId, scope, groups, createdAt, absoluteExpiry, revokedAt, null);
    }

    public RefreshFamily {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        scope = Set.copyOf(scope);
        groups = Set.copyOf(groups);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(absoluteExpiry, "absoluteExpiry");
        if (dpopThumbprint != null && !dpopThumbprint.matches("[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException("dpopThumbprint: not a base64url SHA-256 thumbprint (RFC 7638)");
        }
    }

    /** @return whether the family was revoked */
    public boolean revoked() {
        return revokedAt != null;
    }

    /** @return whether the family is bound to a DPoP key ({@link #dpopThumbprint()} is set) */
    public boolean dpopBound() {
        return dpopThumbprint != null;
    }

    /** @return a copy revoked at {@code at}; this family if already revoked */
    public RefreshFamily revokedAt(Instant at) {
        return revokedAt != null ? this
                : new RefreshFamily(familyId, subject, clientId, scope, groups, createdAt, absoluteExpiry, at,
                        dpopThumbprint);
    }
}

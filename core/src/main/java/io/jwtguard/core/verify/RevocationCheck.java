package io.jwtguard.core.verify;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides whether an otherwise valid token has been revoked. Called on every verification,
 * after the signature and all claim rules passed.
 *
 * <p>Implementations must be thread-safe and fast; a check that cannot reach its store must
 * throw {@link io.jwtguard.core.availability.VerificationUnavailableException}-like infrastructure
 * errors rather than answer "not revoked".
 */
@FunctionalInterface
public interface RevocationCheck {
    /** A check under which nothing is ever revoked. */
    RevocationCheck NONE = token -> false;

    /**
     * @param token the verified token, not null
     * @return true if the token must be refused as revoked
     */
    boolean isRevoked(JsonWebToken token);
}

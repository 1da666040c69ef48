package io.jwtguard.runtime.cdi;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token of a request that carried none (an unprotected resource called anonymously): a
 * non-null {@link JsonWebToken} without name, claims, groups or raw token. Immutable singleton.
 */
public final class EmptyJsonWebToken implements JsonWebToken {
    /** The one instance. */
    public static final EmptyJsonWebToken INSTANCE = new EmptyJsonWebToken();

    private EmptyJsonWebToken() {
    }

    /** @return null: there is no caller */
    @Override
    public String getName() {
        return null;
    }

    /** @return an empty set */
    @Override
    public Set<String> getClaimNames() {
        return Set.of();
    }

    /** @return null for every claim */
    @Override
    public <T> T getClaim(String claimName) {
        return null;
    }

    @Override
    public String toString() {
        return "EmptyJsonWebToken";
    }
}

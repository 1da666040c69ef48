package io.jwtguard.runtime.cdi;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token of a request that carried none (an unprotected resource called anonymously): a
 * non-null {@link JsonWebToken} whose name, claim names, claims and raw token are null.
 * Immutable singleton.
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

    /**
     * @return null: there are no claims. MicroProfile JWT's TCK ({@code EmptyTokenTest}) requires
     *         null rather than an empty set for the token of a request without one.
     */
    @Override
    public Set<String> getClaimNames() {
        return null;
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

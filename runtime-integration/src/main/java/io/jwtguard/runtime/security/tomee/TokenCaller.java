package io.jwtguard.runtime.security.tomee;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.catalina.Realm;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.openejb.spi.CallerPrincipal;
import org.apache.tomee.catalina.TomcatSecurityService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * TomEE's caller wrapper around JWT Guard's container login that is also the verified
 * {@link JsonWebToken}. As a {@code TomcatUser} around the login's {@code GenericPrincipal}, TomEE's
 * {@code isCallerInRole} and EJB role mapping read the same groups as before; as
 * {@code @CallerPrincipal} placed first in the subject, it is what TomEE's
 * {@code getCallerPrincipal()} returns. Every token method answers from the verified token.
 *
 * <p>Immutable. {@code equals}/{@code hashCode} are {@code TomcatUser}'s (realm and login).
 */
@CallerPrincipal
final class TokenCaller extends TomcatSecurityService.TomcatUser implements JsonWebToken {
    private final JsonWebToken token;

    TokenCaller(Realm realm, GenericPrincipal login, JsonWebToken token) {
        super(realm, login);
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public String getRawToken() {
        return token.getRawToken();
    }

    @Override
    public String getIssuer() {
        return token.getIssuer();
    }

    @Override
    public Set<String> getAudience() {
        return token.getAudience();
    }

    @Override
    public String getSubject() {
        return token.getSubject();
    }

    @Override
    public String getTokenID() {
        return token.getTokenID();
    }

    @Override
    public long getExpirationTime() {
        return token.getExpirationTime();
    }

    @Override
    public long getIssuedAtTime() {
        return token.getIssuedAtTime();
    }

    @Override
    public Set<String> getGroups() {
        return token.getGroups();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    public boolean containsClaim(String claimName) {
        return token.containsClaim(claimName);
    }

    @Override
    public <T> T getClaim(String claimName) {
        return token.getClaim(claimName);
    }

    @Override
    public <T> Optional<T> claim(String claimName) {
        return token.claim(claimName);
    }

    /** The name only: never the raw token. */
    @Override
    public String toString() {
        return "JWT Guard caller (TomEE) " + getName();
    }
}

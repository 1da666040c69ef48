package io.jwtguard.runtime.it.claims;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** An application-scoped bean must see the current request's values through each lazy form. */
@ApplicationScoped
public class ApplicationScopedClaims {
    @Inject JsonWebToken jwt;
    @Inject @Claim("upn") ClaimValue<String> upn;
    @Inject @Claim("sub") Provider<String> sub;
    @Inject @Claim("jti") Instance<String> jti;

    public String describe() {
        return "jwt=" + jwt.getName() + "|upn=" + upn.getValue() + "|sub=" + sub.get() + "|jti=" + jti.get();
    }
}

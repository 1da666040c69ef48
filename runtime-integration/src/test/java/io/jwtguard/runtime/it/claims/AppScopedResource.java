package io.jwtguard.runtime.it.claims;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("app")
public class AppScopedResource {
    @Inject
    ApplicationScopedClaims claims;

    @GET
    public String get() {
        return claims.describe();
    }
}

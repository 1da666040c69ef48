package io.jwtguard.tck.health.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A protected resource: 200 with the caller's name while keys are served, 503 while they are not. */
@Path("whoami")
public class WhoAmI {
    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("user")
    public String get() {
        return token.getName();
    }
}

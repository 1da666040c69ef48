package io.jwtguard.tck.redeploy.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

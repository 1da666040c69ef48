package io.jwtguard.runtime.it.competitor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("whoami")
@RequestScoped
public class WhoAmIResource {
    @Inject
    JsonWebToken jwt;

    @Inject
    @Claim("upn")
    String upn;

    @GET
    @RolesAllowed("user")
    public String whoAmI() {
        return "jwt=" + jwt.getName() + "|upn=" + upn;
    }
}

package io.jwtguard.runtime.it.authz;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("roles")
@RolesAllowed("user")
public class RolesResource {
    @Context
    SecurityContext security;

    @GET
    @Path("user")
    public String user() {
        return describe();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return describe();
    }

    @GET
    @Path("any")
    @RolesAllowed("**")
    public String any() {
        return describe();
    }

    @GET
    @Path("open")
    @PermitAll
    public String open() {
        return describe();
    }

    @GET
    @Path("closed")
    @DenyAll
    public String closed() {
        return "never";
    }

    private String describe() {
        if (security.getUserPrincipal() == null) {
            return "anonymous";
        }
        return "name=" + security.getUserPrincipal().getName()
                + "\njwt=" + (security.getUserPrincipal() instanceof JsonWebToken)
                + "\nuser=" + security.isUserInRole("user")
                + "\nadmin=" + security.isUserInRole("admin")
                + "\nscheme=" + security.getAuthenticationScheme();
    }
}

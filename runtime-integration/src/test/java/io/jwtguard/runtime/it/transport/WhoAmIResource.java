package io.jwtguard.runtime.it.transport;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

@Path("whoami")
public class WhoAmIResource {
    @Context
    SecurityContext security;

    @GET
    @RolesAllowed("user")
    public String get() {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Path("public")
    @PermitAll
    public String open() {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}

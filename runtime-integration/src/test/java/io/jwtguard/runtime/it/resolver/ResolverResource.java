package io.jwtguard.runtime.it.resolver;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

@Path("whoami")
public class ResolverResource {
    @Context
    SecurityContext security;

    @GET
    @RolesAllowed("user")
    public String get() {
        return security.getUserPrincipal().getName();
    }
}

package io.jwtguard.runtime.it.dpop;

import io.jwtguard.runtime.annotation.RequireDPoP;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

@Path("account")
public class AccountResource {
    @Context
    SecurityContext security;

    @GET
    @RolesAllowed("user")
    public String get() {
        return security.getUserPrincipal().getName();
    }

    @POST
    @Path("transfer")
    @RolesAllowed("user")
    @RequireDPoP
    public String transfer() {
        return "transferred by " + security.getUserPrincipal().getName();
    }
}

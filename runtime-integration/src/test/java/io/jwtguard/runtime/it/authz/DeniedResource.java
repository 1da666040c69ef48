package io.jwtguard.runtime.it.authz;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("denied")
@DenyAll
public class DeniedResource {
    @GET
    @Path("x")
    public String x() {
        return "never";
    }

    @GET
    @Path("allowed")
    @PermitAll
    public String allowed() {
        return "allowed";
    }
}

package io.jwtguard.tck.authz.conflict;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code @PermitAll} with {@code @RolesAllowed} on one method: the deployment must fail, never permit. */
@Path("conflict")
public class ConflictingResource {
    @GET
    @PermitAll
    @RolesAllowed("admin")
    public String get() {
        return "must not deploy";
    }
}

package io.jwtguard.runtime.it.conflict;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code @PermitAll} and {@code @RolesAllowed} on one method: must fail deployment, never permit. */
@Path("conflict")
public class ConflictingResource {
    @GET
    @PermitAll
    @RolesAllowed("admin")
    public String get() {
        return "must not deploy";
    }
}

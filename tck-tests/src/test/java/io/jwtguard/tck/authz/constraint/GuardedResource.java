package io.jwtguard.tck.authz.constraint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * A resource without any security annotation: only the {@code web.xml} security constraint of
 * {@code ContainerConstraintTest} protects it, so the container decides who gets in.
 */
@Path("guarded")
public class GuardedResource {
    @GET
    public String caller(@Context SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}

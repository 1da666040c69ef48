package io.jwtguard.tck.hostile.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A resource that only a verified token with the group {@code user} may call. */
@Path("protected")
@RequestScoped
public class ProtectedResource {
    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("user")
    public String get() {
        return "hello " + jwt.getName();
    }
}

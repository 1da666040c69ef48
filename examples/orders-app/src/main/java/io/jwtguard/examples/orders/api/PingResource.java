package io.jwtguard.examples.orders.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Two tiny plain-text endpoints that differ only in their protection, for the HTTP benchmark
 * ({@code benchmarks/http}) and health checks:
 * <ul>
 *   <li>{@code GET /api/ping}: no token needed ({@code @PermitAll}); answers {@code pong};</li>
 *   <li>{@code GET /api/ping/secure}: role {@code user}; answers the caller's name.</li>
 * </ul>
 * The caller comes from the JAX-RS {@code SecurityContext} rather than an injected
 * {@code JsonWebToken}, so the work besides verification is the same for both.
 */
@Path("ping")
@Produces(MediaType.TEXT_PLAIN)
public class PingResource {
    @GET
    @PermitAll
    public String ping() {
        return "pong";
    }

    @GET
    @Path("secure")
    @RolesAllowed("user")
    public String secure(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}

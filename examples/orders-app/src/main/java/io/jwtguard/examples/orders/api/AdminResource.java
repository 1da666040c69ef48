package io.jwtguard.examples.orders.api;

import io.jwtguard.runtime.endpoint.TokenResponses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Role {@code admin} only (403 {@code insufficient_scope} for other callers).
 * <ul>
 *   <li>{@code GET /api/admin}: a stable endpoint for outside tools;</li>
 *   <li>{@code POST /api/admin/users/{name}/revoke}: "log out everywhere" for a user: every access
 *       token issued to them so far and all their refresh families are revoked, effective on the
 *       next request.</li>
 * </ul>
 */
@Path("admin")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    JsonWebToken jwt;

    @GET
    public JsonObject admin() {
        return Json.createObjectBuilder().add("name", jwt.getName()).add("admin", true).build();
    }

    @POST
    @Path("users/{name}/revoke")
    public JsonObject revokeUser(@PathParam("name") String name) {
        int families = TokenResponses.tokenService().revokeSubject(name);
        return Json.createObjectBuilder().add("subject", name).add("revokedRefreshFamilies", families).build();
    }
}

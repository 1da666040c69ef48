package io.jwtguard.examples.orders.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /api/me}: any caller with a valid token ({@code **} = any authenticated caller).
 * A stable endpoint that outside tools may rely on: {@code {"name": ..., "groups": [...]}}, plus
 * the token's issuer and scope.
 */
@Path("me")
@RequestScoped
public class MeResource {
    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("**")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        JsonArrayBuilder groups = Json.createArrayBuilder();
        new TreeSet<>(jwt.getGroups()).forEach(groups::add);
        String scope = jwt.getClaim("scope");
        return Json.createObjectBuilder()
                .add("name", jwt.getName())
                .add("groups", groups)
                .add("issuer", jwt.getIssuer())
                .add("scope", scope == null ? "" : scope)
                .build();
    }
}

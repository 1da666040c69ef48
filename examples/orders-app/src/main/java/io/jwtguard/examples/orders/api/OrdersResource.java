package io.jwtguard.examples.orders.api;

import io.jwtguard.runtime.annotation.MaxTokenAge;
import io.jwtguard.runtime.annotation.RequiredScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;

/**
 * A user's orders. Shows the three kinds of protection besides roles:
 * <ul>
 *   <li>{@code GET /api/orders}: role {@code user} and scope {@code orders:read};</li>
 *   <li>{@code POST /api/orders}: scope {@code orders:write} (403 {@code insufficient_scope}
 *       naming it otherwise);</li>
 *   <li>{@code POST /api/orders/{id}/refund}: a sensitive operation that also needs a token issued
 *       at most five minutes ago ({@link MaxTokenAge}); an older token gets 401 {@code invalid_token}
 *       and the client logs in again (step-up).</li>
 * </ul>
 * Claims are injected by name and by standard claim.
 */
@Path("orders")
@RequestScoped
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
    /** How old a token may be for a refund, in seconds. */
    public static final long REFUND_MAX_TOKEN_AGE = 300;

    @Inject
    @Claim(standard = Claims.sub)
    String subject;

    @Inject
    @Claim(standard = Claims.iat)
    Long issuedAt;

    @Inject
    @Claim("scope")
    String scope;

    @Inject
    OrderBook book;

    @GET
    @RequiredScope("orders:read")
    public JsonObject list() {
        JsonArrayBuilder orders = Json.createArrayBuilder();
        book.of(subject).forEach(order -> orders.add(order.toJson()));
        return Json.createObjectBuilder().add("owner", subject).add("scope", scope).add("orders", orders).build();
    }

    @POST
    @RequiredScope("orders:write")
    public JsonObject place(@FormParam("item") String item) {
        return book.place(subject, item == null || item.isBlank() ? "coffee" : item.trim()).toJson();
    }

    @POST
    @Path("{id}/refund")
    @MaxTokenAge(REFUND_MAX_TOKEN_AGE)
    public JsonObject refund(@PathParam("id") String id) {
        OrderBook.Order refunded = book.refund(subject, id).orElseThrow(NotFoundException::new);
        return Json.createObjectBuilder(refunded.toJson()).add("tokenIssuedAt", issuedAt).build();
    }
}

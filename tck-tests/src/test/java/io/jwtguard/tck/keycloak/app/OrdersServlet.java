package io.jwtguard.tck.keycloak.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The only class of the servlet-only WAR that Keycloak's tokens are sent to (on Tomcat: no CDI, no JAX-RS, so no
 * {@code @RolesAllowed}; the servlet asks {@code isUserInRole}, which JWT Guard answers from the token's groups).
 * {@code /members/whoami} answers the principal name, the client ({@code azp}) and the groups, sorted;
 * {@code /members/orders/admin} needs the group {@code orders-admin} (403 without it). Both lie under the required
 * pattern {@code /members/*}: no token, 401.
 */
@WebServlet({"/members/whoami", "/members/orders/admin"})
public class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (!(request.getUserPrincipal() instanceof JsonWebToken token)) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (request.getServletPath().equals("/members/orders/admin")) {
            if (!request.isUserInRole("orders-admin")) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            response.getWriter().print("admin:" + token.getName());
            return;
        }
        response.getWriter().print(token.getName() + "|azp=" + token.getClaim("azp") + "|groups="
                + String.join(",", new TreeSet<>(token.getGroups())));
    }
}

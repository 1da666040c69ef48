package io.jwtguard.runtime.it.endpoint;

import io.jwtguard.runtime.endpoint.TokenResponses;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The application's own login (here: any user whose password is "secret"): after authenticating,
 * it asks JWT Guard for a token pair, written like the refresh endpoint writes its answers.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("username");
        if (user == null || !"secret".equals(request.getParameter("password"))) {
            response.sendError(401);
            return;
        }
        TokenResponses.issue(request, response, user, Set.of("orders:read", "orders:write"), Set.of("user"));
    }
}

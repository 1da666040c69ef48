package io.jwtguard.runtime.it.servlet;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A plain servlet in an application without CDI and without JAX-RS. */
@WebServlet({"/whoami", "/members/whoami"})
public class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getUserPrincipal() == null) {
            response.getWriter().print("anonymous|cdi=" + cdi(request));
            return;
        }
        response.getWriter().print(request.getUserPrincipal().getName()
                + "|jwt=" + (request.getUserPrincipal() instanceof JsonWebToken)
                + "|user=" + request.isUserInRole("user")
                + "|admin=" + request.isUserInRole("admin")
                + "|any=" + request.isUserInRole("**")
                + "|authType=" + request.getAuthType()
                + "|cdi=" + cdi(request));
    }

    private static boolean cdi(HttpServletRequest request) {
        return request.getServletContext().getAttribute("jakarta.enterprise.inject.spi.BeanManager") != null;
    }
}

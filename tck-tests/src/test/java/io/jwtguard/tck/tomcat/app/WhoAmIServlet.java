package io.jwtguard.tck.tomcat.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The only class of the servlet-only WAR deployed on Tomcat (no CDI, no JAX-RS): answers with what the
 * servlet API says about the caller. {@code /whoami} is free, {@code /members/whoami} lies under the required
 * pattern {@code /members/*}. The same shape as runtime-integration's {@code it.servlet.WhoAmIServlet}, which
 * the embedded tests use.
 */
@WebServlet({"/whoami", "/members/whoami"})
public class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getUserPrincipal() == null) {
            response.getWriter().print("anonymous|authType=" + request.getAuthType());
            return;
        }
        response.getWriter().print(request.getUserPrincipal().getName()
                + "|jwt=" + (request.getUserPrincipal() instanceof JsonWebToken)
                + "|user=" + request.isUserInRole("user")
                + "|admin=" + request.isUserInRole("admin")
                + "|any=" + request.isUserInRole("**")
                + "|authType=" + request.getAuthType());
    }
}

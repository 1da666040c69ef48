package io.jwtguard.runtime.it.authz;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** No security annotation: anyone may call it, and a token, if sent, must be valid. */
@Path("open")
public class OpenResource {
    @Inject
    JsonWebToken jwt;

    @GET
    public String get() {
        return jwt.getName() == null ? "anonymous" : "name=" + jwt.getName();
    }
}

package io.jwtguard.runtime.it.authz;

import io.jwtguard.runtime.annotation.MaxTokenAge;
import io.jwtguard.runtime.annotation.RequiredClaim;
import io.jwtguard.runtime.annotation.RequiredScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("stepup")
public class StepUpResource {
    @GET
    @Path("fresh")
    @MaxTokenAge(60)
    public String fresh() {
        return "fresh";
    }

    @GET
    @Path("scoped")
    @RequiredScope("orders:write")
    public String scoped() {
        return "scoped";
    }

    @GET
    @Path("tenant")
    @RequiredClaim(name = "tenant", value = "acme")
    public String tenant() {
        return "tenant";
    }
}

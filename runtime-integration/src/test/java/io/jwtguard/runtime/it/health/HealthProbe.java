package io.jwtguard.runtime.it.health;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * What a MicroProfile Health implementation would find in this application: every {@code @Readiness}
 * and {@code @Liveness} {@link HealthCheck} bean, called, one line each ({@code kind name status state}).
 */
@Path("health")
public class HealthProbe {
    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Inject
    @Liveness
    Instance<HealthCheck> liveness;

    @GET
    @PermitAll
    public String get() {
        List<String> lines = new ArrayList<>();
        readiness.forEach(check -> lines.add(line("readiness", check.call())));
        liveness.forEach(check -> lines.add(line("liveness", check.call())));
        lines.sort(null);
        return String.join("\n", lines);
    }

    private static String line(String kind, HealthCheckResponse response) {
        return kind + " " + response.getName() + " " + response.getStatus() + " "
                + response.getData().map(d -> String.valueOf(d.getOrDefault("state", d.get("active")))).orElse("-");
    }
}

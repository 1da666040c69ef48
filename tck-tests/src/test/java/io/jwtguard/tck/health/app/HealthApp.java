package io.jwtguard.tck.health.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The health suite's application: MP-JWT, so JWT Guard builds its guard at deployment. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
public class HealthApp extends Application {
}

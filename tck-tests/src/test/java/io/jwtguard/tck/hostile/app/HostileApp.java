package io.jwtguard.tck.hostile.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The small MP-JWT application the hostile-token suite attacks. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
public class HostileApp extends Application {
}

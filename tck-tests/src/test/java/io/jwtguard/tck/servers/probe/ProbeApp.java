package io.jwtguard.tck.servers.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** An MP-JWT application, as the server's own MicroProfile JWT recognises one. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class ProbeApp extends Application {
}

package io.jwtguard.tck.authz.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The application of the authorization-semantics suite: one resource per annotation shape. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
public class AuthzApp extends Application {
}

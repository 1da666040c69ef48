package io.jwtguard.examples.orders.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The REST API under {@code /api}, protected by JWT Guard (MicroProfile JWT). */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "orders")
@DeclareRoles({"user", "admin"})
public class OrdersApplication extends Application {
}

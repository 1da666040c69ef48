package io.jwtguard.runtime.health;

import org.eclipse.microprofile.health.HealthCheck;

/**
 * The bean class of JWT Guard's health check beans. They are application-scoped, as health checks
 * usually are (TomEE 9 destroys every check it found when the application stops, which fails for
 * dependent ones), so a container may create a client proxy by subclassing the bean class, and
 * OpenWebBeans (TomEE) needs a no-argument constructor for that: this class has one, and the checks,
 * which are immutable, extend it.
 */
abstract class ProxyableCheck implements HealthCheck {
    protected ProxyableCheck() {
    }
}

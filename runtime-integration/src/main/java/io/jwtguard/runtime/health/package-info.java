/**
 * MicroProfile Health checks: a readiness check per issuer's key sources, one for the token
 * store when it is a database, and a liveness check that never calls out. The only package that
 * refers to the MicroProfile Health API: {@link io.jwtguard.runtime.cdi.JwtGuardExtension} loads
 * {@link io.jwtguard.runtime.health.HealthChecks} by name, and only when the application's class
 * loader sees {@code org.eclipse.microprofile.health.HealthCheck} and
 * {@code jwtguard.health.enabled} is not false; nothing else in the runtime refers to this
 * package, so an application on a server without MicroProfile Health never loads it.
 */
package io.jwtguard.runtime.health;

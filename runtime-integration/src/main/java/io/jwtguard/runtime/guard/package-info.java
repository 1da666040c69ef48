/**
 * One application's JWT Guard: the verifier, transport and runtime settings read once from
 * configuration ({@link io.jwtguard.runtime.guard.JwtGuard}), and the registry through which the
 * servlet initializer, the CDI extension and the JAX-RS feature of the same application find it
 * ({@link io.jwtguard.runtime.guard.JwtGuards}), and its read-only counts as a JMX MXBean
 * ({@link io.jwtguard.runtime.guard.GuardStatistics}). Configuration comes from MicroProfile Config
 * when it is present, else from servlet context init parameters and system properties.
 */
package io.jwtguard.runtime.guard;

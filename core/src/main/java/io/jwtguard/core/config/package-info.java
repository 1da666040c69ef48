/**
 * Configuration wiring: property names, the one loader of properties ({@code ConfigLoader},
 * {@code MicroProfileConfigLoader}) into the engine's immutable settings
 * ({@link io.jwtguard.core.verify.VerifierConfig}), with errors and posture findings named by
 * property, and the token service's settings. Depends on the engine; the engine never depends on it.
 */
package io.jwtguard.core.config;

/**
 * Authorization decisions, independent of JAX-RS: what a resource requires
 * ({@link io.jwtguard.runtime.authz.ResourceRequirements}, read from {@code @RolesAllowed},
 * {@code @PermitAll}, {@code @DenyAll} and this project's annotations) and whether a request's
 * token meets it ({@link io.jwtguard.runtime.authz.AccessDecision}).
 */
package io.jwtguard.runtime.authz;

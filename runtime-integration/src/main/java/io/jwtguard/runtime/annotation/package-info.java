/**
 * Annotations that resources use beyond {@code @RolesAllowed}, {@code @PermitAll} and
 * {@code @DenyAll}: a per-resource maximum token age for sensitive operations
 * ({@link io.jwtguard.runtime.annotation.MaxTokenAge}), required OAuth scopes
 * ({@link io.jwtguard.runtime.annotation.RequiredScope}) and required claim values
 * ({@link io.jwtguard.runtime.annotation.RequiredClaim}). Each may be put on a JAX-RS resource
 * class (then it covers every method) or method; each implies that the request must be
 * authenticated.
 */
package io.jwtguard.runtime.annotation;

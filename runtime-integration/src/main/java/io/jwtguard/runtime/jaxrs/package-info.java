/**
 * JAX-RS integration: {@link io.jwtguard.runtime.jaxrs.JwtGuardFeature}, a
 * {@code DynamicFeature} registered through {@code META-INF/services/jakarta.ws.rs.ext.Providers}
 * and {@code @Provider} scanning, installs on every resource method of an MP-JWT application an
 * authentication filter (the request's token becomes the {@code SecurityContext} principal) and,
 * where the method or class carries {@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll}
 * or this project's annotations, an authorization filter. JAX-RS runtimes such as RESTEasy do not
 * enforce those annotations by themselves.
 */
package io.jwtguard.runtime.jaxrs;

package io.jwtguard.runtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource accepts only DPoP-bound tokens with a valid proof (RFC 9449): a bearer token, even a
 * valid one, is refused with 401 {@code invalid_token} and a {@code DPoP} challenge
 * ({@code DPOP_REQUIRED_FOR_RESOURCE}), telling the client to come back with a sender-constrained
 * token. Needs {@code jwtguard.dpop.mode=allowed} (or {@code required}, which makes it redundant).
 * On a class it covers every method; like the other JWT Guard annotations it adds up over overridden
 * methods, so an override cannot drop it.
 *
 * <pre>{@code
 * @POST @Path("transfer") @RolesAllowed("user") @RequireDPoP
 * public Response transfer(Transfer t) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireDPoP {
}

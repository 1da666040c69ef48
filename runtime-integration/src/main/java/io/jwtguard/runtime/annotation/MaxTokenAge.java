package io.jwtguard.runtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Step-up freshness: the resource accepts only tokens whose user authenticated at most
 * {@link #value()} seconds ago: {@code now - auth_time} when the token carries {@code auth_time}
 * (JWT Guard's token service always sets it to the login time, which refreshing does not change),
 * else {@code now - iat}; without clock skew. An older token, or one with neither claim, is
 * refused with 401 {@code invalid_token} ({@code STALE_FOR_RESOURCE}), telling the client to
 * obtain a fresh token (for example after re-authenticating the user). On both class and method,
 * the smaller limit applies.
 *
 * <pre>{@code
 * @POST @Path("transfer") @RolesAllowed("user") @MaxTokenAge(300)
 * public Response transfer(Transfer t) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MaxTokenAge {
    /** @return the maximum age in seconds; must be positive */
    long value();
}

package io.jwtguard.runtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token's claim {@link #name()} must have the value {@link #value()}: a string claim equal
 * to it, a boolean or number whose JSON text equals it, or an array containing it as a string.
 * Otherwise the request is refused with 403 {@code insufficient_scope}. Repeatable; on both class
 * and method, every requirement applies.
 *
 * <pre>{@code
 * @GET @RequiredClaim(name = "tenant", value = "acme")
 * public List<Order> orders() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(RequiredClaim.List.class)
public @interface RequiredClaim {
    /** @return the claim name */
    String name();

    /** @return the required value */
    String value();

    /** The container of repeated {@link RequiredClaim} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** @return the requirements */
        RequiredClaim[] value();
    }
}

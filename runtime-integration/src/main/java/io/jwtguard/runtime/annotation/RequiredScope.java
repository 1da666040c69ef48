package io.jwtguard.runtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token must grant every listed OAuth scope: in its {@code scope} claim (a space-separated
 * string, RFC 8693 section 4.2 and RFC 9068) or its {@code scp} claim (a string or an array of
 * strings). Otherwise the request is refused with 403 and
 * {@code WWW-Authenticate: Bearer ..., error="insufficient_scope", ..., scope="<required>"}
 * (RFC 6750, section 3.1). On both class and method, all listed scopes are required.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiredScope {
    /** @return the scopes, each a scope-token (no spaces, quotes or backslashes) */
    String[] value();
}

/**
 * CDI integration (MicroProfile JWT 2.1, section 7): the portable extension
 * {@link io.jwtguard.runtime.cdi.JwtGuardExtension}, registered through
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}, adds the beans of this
 * package explicitly (the jar needs no {@code beans.xml}): the request-scoped current token, the
 * {@code JsonWebToken} producer, producers for every {@code @Claim} injection form, and the
 * rejection counters; it validates every {@code @Claim} injection point at deployment and fires
 * a {@link io.jwtguard.runtime.observe.TokenRejected} event per rejection.
 */
package io.jwtguard.runtime.cdi;

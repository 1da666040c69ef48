/**
 * The HTTP edge without any container API: where a request carries its bearer token
 * ({@link io.jwtguard.runtime.http.TokenExtractor}), what one request's authentication came to
 * ({@link io.jwtguard.runtime.http.AuthenticationOutcome}, computed once per request by
 * {@link io.jwtguard.runtime.http.RequestAuthenticator}), and the RFC 6750
 * {@code WWW-Authenticate} challenge ({@link io.jwtguard.runtime.http.BearerChallenge}). The
 * servlet filter, the JAX-RS filters and the Jakarta Security mechanism all use these, so the
 * rules live in one place.
 */
package io.jwtguard.runtime.http;

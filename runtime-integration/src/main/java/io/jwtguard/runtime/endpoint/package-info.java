/**
 * The token endpoints an application enables with {@code jwtguard.endpoints.enabled=true}: the
 * refresh-token grant (RFC 6749 section 6, refresh token rotated on every use), revocation with
 * RFC 7009 semantics, and the JWKS of the signing keys. Installed by
 * {@link io.jwtguard.runtime.endpoint.TokenEndpointsInitializer}; an application's own login
 * hands out the first token pair through {@link io.jwtguard.runtime.endpoint.TokenResponses}.
 */
package io.jwtguard.runtime.endpoint;

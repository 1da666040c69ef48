/**
 * Jakarta Security integration: an {@code HttpAuthenticationMechanism} that hands the request's
 * verified token to the container, so that the container's own authorization works too
 * ({@code web.xml} security constraints, {@code SecurityContext.isCallerInRole}, EJB and CDI
 * {@code @RolesAllowed}). Classes of this package are loaded only when the Jakarta Security API
 * is present (for example Open Liberty with {@code appSecurity-5.0}); the CDI extension adds the
 * mechanism by name. The mechanism never commits the response, and survives a container that
 * refuses the login (see {@code BearerMechanism}).
 */
package io.jwtguard.runtime.security;

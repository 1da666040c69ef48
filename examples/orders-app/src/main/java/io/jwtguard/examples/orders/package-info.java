/**
 * JWT Guard's orders example for Open Liberty: a REST API protected by MicroProfile JWT through
 * JWT Guard, a login that issues access and refresh tokens, and a browser page
 * ({@code src/main/webapp}) that keeps the access token in memory and the refresh token in an
 * HttpOnly cookie.
 */
package io.jwtguard.examples.orders;

/**
 * Issuing short-lived access tokens (RFC 9068 {@code at+jwt}) signed by a
 * {@link io.jwtguard.core.issue.SigningKeyRing}, and {@link io.jwtguard.core.issue.TokenService},
 * which puts issuing, rotating refresh tokens and revocation together for an application that
 * logs its users in.
 */
package io.jwtguard.core.issue;

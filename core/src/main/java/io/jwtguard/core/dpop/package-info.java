/**
 * DPoP at the resource server (RFC 9449): the strict check of a {@code DPoP} proof
 * ({@link io.jwtguard.core.dpop.DPoPProofVerifier}, section 4.3), the binding of an access token to
 * the proof's key ({@code cnf.jkt}, section 6.1, RFC 7638 thumbprints), the replay cache behind
 * {@link io.jwtguard.core.dpop.ReplayCache}, the settings and the closed set of refusal reasons.
 *
 * <p>The access token's own verification ({@code verify}) is unchanged: a DPoP request passes the
 * token pipeline first, then the proof checks here. May use {@code jose}, {@code keys}, {@code verify}
 * and {@code availability}.
 */
package io.jwtguard.core.dpop;

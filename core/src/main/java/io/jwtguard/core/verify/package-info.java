/**
 * Token verification, the engine: the one pipeline (TokenVerifier), its result (VerifiedToken),
 * the closed set of rejection reasons with their RFC 6750 mapping, the claim rules, and the
 * engine's own settings: the immutable VerifierConfig built by VerifierConfigBuilder, trusted
 * issuers, profiles, the posture check on the built value, and the RevocationCheck the pipeline
 * calls. Depends on {@code jose}, {@code keys} and {@code availability} only.
 */
package io.jwtguard.core.verify;

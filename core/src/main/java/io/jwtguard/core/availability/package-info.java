/**
 * "We are broken", as opposed to "the token is bad": the exception that says verification is
 * unavailable right now, whether the keys or the revocation store failed. Depends on nothing of
 * JWT Guard, so that key sources, stores and the verifier can all throw it.
 */
package io.jwtguard.core.availability;

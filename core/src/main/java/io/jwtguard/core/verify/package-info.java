/**
 * Token verification: the one pipeline (TokenVerifier), its result (VerifiedToken), the closed set of rejection reasons with their RFC 6750 mapping, and the claim rules.
 */
package io.jwtguard.core.verify;

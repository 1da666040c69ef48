/**
 * Trusted key material: parsing (PEM, JWK, JWK Set, key stores), key sources, strength policy. A token's kid only selects among these keys.
 */
package io.jwtguard.core.keys;

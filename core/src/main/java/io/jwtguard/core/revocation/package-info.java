/**
 * Revocation checks consulted on every verification.
 */
package io.jwtguard.core.revocation;

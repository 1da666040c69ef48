/**
 * Revocation checks consulted on every verification (cache hits included):
 * {@link io.jwtguard.core.revocation.StoreRevocationCheck} reads a shared
 * {@link io.jwtguard.core.store.RevocationStore} with a bounded propagation delay, and
 * {@link io.jwtguard.core.revocation.RevocationService} revokes access tokens by {@code jti},
 * refresh families, and everything of a subject issued before a time.
 */
package io.jwtguard.core.revocation;

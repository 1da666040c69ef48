/**
 * State shared across nodes: refresh-token families and revocations, behind
 * {@link io.jwtguard.core.store.RefreshTokenStore} and {@link io.jwtguard.core.store.RevocationStore}.
 * {@link io.jwtguard.core.store.InMemoryTokenStore} serves one node;
 * {@link io.jwtguard.core.store.JdbcTokenStore} serves a cluster through one database (schema in
 * {@code io/jwtguard/core/store/schema.sql}), with compare-and-set updates so that two nodes
 * racing on one refresh token cannot both win. {@link io.jwtguard.core.store.JdbcReplayCache} is the
 * DPoP replay cache a cluster shares (schema in {@code io/jwtguard/core/store/dpop-replay-schema.sql}):
 * an {@code INSERT} under a primary key, so that one proof is accepted once across every node. May use
 * {@code dpop} (the {@code ReplayCache} interface) and {@code availability}.
 */
package io.jwtguard.core.store;

/**
 * The example's REST API under {@code /api}: {@code /me} (any valid token), {@code /admin} (role
 * {@code admin}), {@code /orders} (role {@code user}, scopes, and a step-up refund), and
 * {@code /ping} (no token) and {@code /ping/secure} (role {@code user}) for health checks and the
 * HTTP benchmark.
 */
package io.jwtguard.examples.orders.api;

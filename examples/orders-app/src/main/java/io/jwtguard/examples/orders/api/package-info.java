/**
 * The example's REST API under {@code /api}: {@code /me} (any valid token), {@code /admin} (role
 * {@code admin}), {@code /orders} (role {@code user}, scopes, and a step-up refund).
 */
package io.jwtguard.examples.orders.api;

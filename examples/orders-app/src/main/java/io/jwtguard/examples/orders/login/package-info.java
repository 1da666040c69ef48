/**
 * The example's login: demo users from MicroProfile Config with PBKDF2 password hashes
 * ({@link io.jwtguard.examples.orders.login.PasswordHash}), and the login servlet that hands out
 * the first token pair through JWT Guard's token service.
 */
package io.jwtguard.examples.orders.login;

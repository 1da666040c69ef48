/**
 * Servlet integration that works without CDI: a {@code ServletContainerInitializer}
 * ({@link io.jwtguard.runtime.servlet.JwtGuardInitializer}) that builds the application's guard
 * at deployment (failing deployment on a configuration error) and installs
 * {@link io.jwtguard.runtime.servlet.JwtGuardFilter}, which authenticates each request once and
 * exposes the token through {@code getUserPrincipal()} and {@code isUserInRole()}, and requires a
 * token on {@code jwtguard.servlet-filter.required-patterns}. Uses only Servlet 5 API, so it runs on
 * Servlet 5 and 6 containers, with or without CDI and MicroProfile Config (Tomcat).
 */
package io.jwtguard.runtime.servlet;

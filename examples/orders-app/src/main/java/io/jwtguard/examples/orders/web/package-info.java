/** Web plumbing of the example: security headers for the browser page and the start-up banner. */
package io.jwtguard.examples.orders.web;

/** The Arquillian harness that runs the MicroProfile JWT TCK against JWT Guard in embedded Jetty. */
package io.jwtguard.tck.harness;

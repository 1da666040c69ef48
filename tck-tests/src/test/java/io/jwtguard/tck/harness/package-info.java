/** The Arquillian harness that runs the MicroProfile JWT TCK against JWT Guard: embedded Jetty, Open Liberty or Payara Micro. */
package io.jwtguard.tck.harness;

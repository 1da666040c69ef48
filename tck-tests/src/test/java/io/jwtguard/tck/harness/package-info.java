/** The Arquillian harness that runs the MicroProfile JWT TCK against JWT Guard: embedded Jetty, Open Liberty, Payara Micro or WildFly. */
package io.jwtguard.tck.harness;

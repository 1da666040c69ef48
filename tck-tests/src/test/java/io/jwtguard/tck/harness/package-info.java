/** The Arquillian harness that runs the MicroProfile JWT TCK against JWT Guard: embedded Jetty, Open Liberty, Payara Micro, WildFly or TomEE. */
package io.jwtguard.tck.harness;

/**
 * Apache TomEE only: makes TomEE's caller principal JWT Guard's token during a request that JWT
 * Guard's Jakarta Security mechanism logged in (docs/servers.md, TomEE, "The caller principal").
 *
 * <p>TomEE answers {@code @Inject Principal}, the JAX-RS {@code SecurityContext.getUserPrincipal()},
 * Jakarta Security's {@code SecurityContext.getCallerPrincipal()} and EJB
 * {@code getCallerPrincipal()} from its own security service, which for a Jakarta Security login
 * returns its {@code TomcatUser} wrapper, not the principal the mechanism reported. Only
 * {@link io.jwtguard.runtime.security.tomee.TomEECaller} may be used from outside this package: it
 * touches no TomEE class unless TomEE's security service runs. The other classes here are compiled
 * against TomEE 9.0.0 and Tomcat 10.0 and are loaded only on TomEE.
 */
package io.jwtguard.runtime.security.tomee;

/**
 * Configuration: property names, the one loader, the immutable VerifierConfig and its posture report.
 */
package io.jwtguard.core.config;

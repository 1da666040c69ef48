/**
 * Opaque, rotating refresh tokens (RFC 9700 section 4.14.2): every use rotates, reuse of a
 * rotated token revokes its whole family, the absolute lifetime of a grant is never extended,
 * and a refresh fails closed when the store cannot record the rotation.
 */
package io.jwtguard.core.refresh;

/**
 * JOSE framing that the hot path owns: strict base64url, strict JSON, and the JWS algorithms bound to key families.
 */
package io.jwtguard.core.jose;

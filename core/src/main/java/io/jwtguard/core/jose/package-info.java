/**
 * JOSE framing that the hot path owns: strict base64url, strict JSON, the JWS algorithms bound to key
 * families, and the signature engines that compute them ({@link io.jwtguard.core.jose.SignatureEngines}),
 * with the choice of their JCA provider ({@link io.jwtguard.core.jose.CryptoProviders}).
 */
package io.jwtguard.core.jose;

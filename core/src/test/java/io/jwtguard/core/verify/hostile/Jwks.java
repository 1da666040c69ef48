package io.jwtguard.core.verify.hostile;

import io.jwtguard.core.jose.Base64Url;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/** JWK JSON written by hand (RFC 7517, RFC 7518 section 6.3.1), so tests do not depend on a JOSE library. */
final class Jwks {
    private Jwks() {
    }

    /** An RSA public JWK; {@code kid} is omitted when null. */
    static String rsa(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + ",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    /** A JWK Set of the given JWKs. */
    static String set(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64Url.encode(bytes);
    }
}

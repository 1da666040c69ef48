package io.jwtguard.core.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/** Key pairs generated once per test JVM; shared by all tests. */
public final class TestKeys {
    public static final KeyPair RSA_2048 = generate("RSA", 2048);
    public static final KeyPair RSA_2048_OTHER = generate("RSA", 2048);
    public static final KeyPair RSA_1024 = generate("RSA", 1024);
    public static final KeyPair EC_P256 = ec("secp256r1");
    public static final KeyPair EC_P384 = ec("secp384r1");
    public static final KeyPair EC_P521 = ec("secp521r1");
    public static final KeyPair ED25519 = generate("Ed25519", 0);
    /** A 32-byte HMAC secret, enough for HS256 only. */
    public static final byte[] SECRET_32 = filled(32, 7);
    /** A 64-byte HMAC secret, enough for HS256, HS384 and HS512. */
    public static final byte[] SECRET_64 = filled(64, 9);

    private TestKeys() {
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] filled(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 17);
        }
        return Arrays.copyOf(bytes, length);
    }

    /** @return the public key of {@code pair} as a PEM {@code PUBLIC KEY} document, a value for {@code mp.jwt.verify.publickey} */
    public static String publicPem(java.security.KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Properties of the primary issuer: {@link #RSA_2048}, and the issuer and audience of {@link TokenFactory}. */
    public static java.util.Map<String, String> primaryProperties() {
        java.util.Map<String, String> p = new java.util.HashMap<>();
        p.put("mp.jwt.verify.publickey", publicPem(RSA_2048));
        p.put("mp.jwt.verify.issuer", TokenFactory.ISSUER);
        p.put("mp.jwt.verify.audiences", TokenFactory.AUDIENCE);
        return p;
    }
}

package io.jwtguard.core.dpop;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.UUID;

/** Test data: key pairs, their JWKs and hand-made DPoP proofs (any header, any claims), signed with the JDK. */
final class Proofs {
    private Proofs() {
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] unsigned(BigInteger value, int width) {
        byte[] bytes = value.toByteArray();
        if (width <= 0) {
            width = bytes[0] == 0 && bytes.length > 1 ? bytes.length - 1 : bytes.length;
        }
        byte[] out = new byte[width];
        int copy = Math.min(bytes.length, width);
        System.arraycopy(bytes, bytes.length - copy, out, width - copy, copy);
        return out;
    }

    /** @return the public JWK members as JSON, without braces' surroundings trimmed: {@code {"kty":...}} */
    static String jwk(PublicKey key) {
        if (key instanceof ECPublicKey) {
            ECPublicKey ec = (ECPublicKey) key;
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            int width = (bits + 7) / 8;
            String crv = bits == 256 ? "P-256" : bits == 384 ? "P-384" : "P-521";
            return "{\"kty\":\"EC\",\"crv\":\"" + crv + "\",\"x\":\"" + b64(unsigned(ec.getW().getAffineX(), width))
                    + "\",\"y\":\"" + b64(unsigned(ec.getW().getAffineY(), width)) + "\"}";
        }
        if (key instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            return "{\"kty\":\"RSA\",\"n\":\"" + b64(unsigned(rsa.getModulus(), 0)) + "\",\"e\":\""
                    + b64(unsigned(rsa.getPublicExponent(), 0)) + "\"}";
        }
        EdECPublicKey ed = (EdECPublicKey) key;
        byte[] little = new byte[32];
        byte[] big = unsigned(ed.getPoint().getY(), 32);
        for (int i = 0; i < 32; i++) {
            little[i] = big[31 - i];
        }
        if (ed.getPoint().isXOdd()) {
            little[31] |= (byte) 0x80;
        }
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + b64(little) + "\"}";
    }

    static String jca(String alg) {
        switch (alg) {
            case "ES256": return "SHA256withECDSAinP1363Format";
            case "ES384": return "SHA384withECDSAinP1363Format";
            case "ES512": return "SHA512withECDSAinP1363Format";
            case "RS256": return "SHA256withRSA";
            case "PS256": return "RSASSA-PSS";
            case "EdDSA": return "Ed25519";
            default: throw new IllegalArgumentException(alg);
        }
    }

    /** Signs {@code header.claims} (both JSON text, encoded here) with {@code key} and JCA algorithm {@code alg}. */
    static String sign(String headerJson, String claimsJson, PrivateKey key, String alg) {
        String input = b64(headerJson) + "." + b64(claimsJson);
        return input + "." + b64(signature(input, key, alg));
    }

    static byte[] signature(String input, PrivateKey key, String alg) {
        try {
            Signature signer = Signature.getInstance(jca(alg));
            if (alg.equals("PS256")) {
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String alg, PublicKey key) {
        return "{\"typ\":\"dpop+jwt\",\"alg\":\"" + alg + "\",\"jwk\":" + jwk(key) + "}";
    }

    static String claims(String htm, String htu, long iat, String jti, String accessToken) {
        return "{\"jti\":\"" + jti + "\",\"htm\":\"" + htm + "\",\"htu\":\"" + htu + "\",\"iat\":" + iat
                + (accessToken == null ? "" : ",\"ath\":\"" + DPoPProofVerifier.accessTokenHash(accessToken) + "\"")
                + "}";
    }

    static String proof(KeyPair pair, String alg, String htm, String htu, long iat, String accessToken) {
        return sign(header(alg, pair.getPublic()), claims(htm, htu, iat, UUID.randomUUID().toString(), accessToken),
                pair.getPrivate(), alg);
    }
}

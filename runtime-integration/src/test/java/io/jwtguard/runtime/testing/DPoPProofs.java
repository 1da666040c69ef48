package io.jwtguard.runtime.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** A DPoP client for the integration tests: a P-256 key, its RFC 7638 thumbprint, ES256 proofs. */
public final class DPoPProofs {
    private final KeyPair key;

    private DPoPProofs(KeyPair key) {
        this.key = key;
    }

    /** @return a client with a fresh P-256 key */
    public static DPoPProofs newClient() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new DPoPProofs(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String x() {
        return b64(fixed(((ECPublicKey) key.getPublic()).getW().getAffineX()));
    }

    private String y() {
        return b64(fixed(((ECPublicKey) key.getPublic()).getW().getAffineY()));
    }

    /** @return the RFC 7638 SHA-256 thumbprint of the public key, what {@code cnf.jkt} carries */
    public String thumbprint() {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x() + "\",\"y\":\"" + y() + "\"}";
        return b64(sha256(canonical));
    }

    /** @return the {@code cnf} claim value binding a token to this client's key */
    public String cnf() {
        return "{\"jkt\":\"" + thumbprint() + "\"}";
    }

    /** @return a fresh proof for a token request ({@code POST} to {@code url}): no access token, no {@code ath} */
    public String tokenRequestProof(String url) {
        return proof("POST", url, null);
    }

    /**
     * @return a fresh proof for {@code method} and {@code url}, carrying the hash of {@code accessToken}
     *     (no {@code ath} when it is null)
     */
    public String proof(String method, String url, String accessToken) {
        return proof(method, url, accessToken, null);
    }

    /** @return as {@link #proof(String, String, String)}, with the server's {@code nonce} when not null */
    public String proof(String method, String url, String accessToken, String nonce) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                + x() + "\",\"y\":\"" + y() + "\"}}";
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"" + method + "\",\"htu\":\"" + url
                + "\",\"iat\":" + Instant.now().getEpochSecond()
                + (accessToken == null ? "" : ",\"ath\":\"" + b64(sha256(accessToken)) + "\"")
                + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

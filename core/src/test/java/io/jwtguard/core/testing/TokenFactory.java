package io.jwtguard.core.testing;

import io.jwtguard.core.jose.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints compact JWS tokens from raw header and claims JSON text, so tests can write any header
 * (duplicate members, odd types, hostile members) byte for byte. Signs with the JDK.
 */
public final class TokenFactory {
    /** The issuer that {@link #claims(long)} uses and {@link TestConfigs} expects. */
    public static final String ISSUER = "https://issuer.example";
    /** The audience that {@link #claims(long)} uses and {@link TestConfigs} expects. */
    public static final String AUDIENCE = "orders-api";

    private TokenFactory() {
    }

    /** Valid claims JSON for a token issued at {@code iat} and valid for 5 minutes. */
    public static String claims(long iat) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"user-1\",\"upn\":\"jdoe@example.com\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":" + iat + ",\"exp\":" + (iat + 300) + ",\"jti\":\"id-1\",\"groups\":[\"user\",\"admin\"]}";
    }

    /** {@code {"alg":"<alg>","typ":"JWT"}}. */
    public static String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
    }

    /** Signs {@code headerJson.claimsJson} with {@code key} under JWS algorithm {@code alg}. */
    public static String sign(String headerJson, String claimsJson, String alg, Key key) {
        String signingInput = b64(headerJson) + "." + b64(claimsJson);
        return signingInput + "." + Base64Url.encode(signature(alg, key, signingInput));
    }

    /** Base64url of the UTF-8 text. */
    public static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw JWS signature bytes (ECDSA in R||S form) of {@code signingInput}. */
    public static byte[] signature(String alg, Key key, String signingInput) {
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            if (alg.startsWith("HS")) {
                String jca = "Hmac" + "SHA" + alg.substring(2);
                Mac mac = Mac.getInstance(jca);
                mac.init(key instanceof SecretKeySpec ? key : new SecretKeySpec(key.getEncoded(), jca));
                return mac.doFinal(input);
            }
            Signature signature;
            switch (alg) {
                case "RS256": case "RS384": case "RS512":
                    signature = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
                    break;
                case "PS256": case "PS384": case "PS512":
                    String hash = "SHA-" + alg.substring(2);
                    int salt = Integer.parseInt(alg.substring(2)) / 8;
                    signature = Signature.getInstance("RSASSA-PSS");
                    signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
                    break;
                case "ES256": case "ES384": case "ES512":
                    signature = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
                    break;
                case "EdDSA":
                    signature = Signature.getInstance("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException("unknown alg " + alg);
            }
            signature.initSign((PrivateKey) key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

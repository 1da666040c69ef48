package io.jwtguard.tck.hostile;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Byte-level JWS construction with the JDK's crypto only, so that hostile tokens can be exactly
 * as malformed as a case needs (no library normalises them). Stateless, thread-safe.
 */
public final class Jose {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Jose() {
    }

    /** @return canonical base64url (RFC 7515 section 2) of {@code bytes} */
    public static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /** @return canonical base64url of the UTF-8 bytes of {@code text} */
    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return {@code header.payload.signature} with the signature over exactly
     *     {@code headerSegment.payloadSegment} as given (which may be non-canonical on purpose)
     */
    public static String signSegments(String headerSegment, String payloadSegment, String alg, Object key) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + b64(sign(alg, key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** @return a compact JWS of the JSON texts {@code header} and {@code claims} */
    public static String jws(String header, String claims, String alg, Object key) {
        return signSegments(b64(header), b64(claims), alg, key);
    }

    /**
     * @param alg a JWS algorithm name (RS*, PS*, ES*, EdDSA, HS*)
     * @param key a {@link PrivateKey} for the asymmetric ones, a {@code byte[]} secret for HS*
     * @return the raw JWS signature (ECDSA as R||S, RFC 7518 section 3.4)
     */
    public static byte[] sign(String alg, Object key, byte[] input) {
        try {
            if (alg.startsWith("HS")) {
                String name = "HmacSHA" + alg.substring(2);
                Mac mac = Mac.getInstance(name);
                mac.init(new SecretKeySpec((byte[]) key, name));
                return mac.doFinal(input);
            }
            Signature signature;
            String bits = alg.substring(2);
            switch (alg.substring(0, 2)) {
                case "RS":
                    signature = Signature.getInstance("SHA" + bits + "withRSA");
                    break;
                case "PS":
                    signature = Signature.getInstance("RSASSA-PSS");
                    signature.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1",
                            new MGF1ParameterSpec("SHA-" + bits), Integer.parseInt(bits) / 8, 1));
                    break;
                case "ES":
                    signature = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
                    break;
                case "Ed":
                    signature = Signature.getInstance("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException("unsupported algorithm " + alg);
            }
            signature.initSign((PrivateKey) key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + alg, e);
        }
    }
}

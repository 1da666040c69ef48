package io.jwtguard.core.dpop;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.keys.VerificationKey;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Set;

/**
 * The public key a DPoP proof carries in its {@code jwk} header (RFC 9449 section 4.2), read
 * strictly with the JDK's own key factories, and its RFC 7638 SHA-256 thumbprint.
 *
 * <p>Accepted: {@code RSA} ({@code n}, {@code e}), {@code EC} on P-256, P-384, P-521 ({@code crv},
 * {@code x}, {@code y}, coordinates of the curve's exact width, the point on the curve), {@code OKP}
 * Ed25519 ({@code crv}, {@code x}). Refused: any private member ({@code d}, {@code p}, {@code q},
 * {@code dp}, {@code dq}, {@code qi}, {@code oth}, {@code k}), symmetric keys, other curves, members
 * that are not canonical base64url, RSA keys under 2048 or over {@value #MAX_RSA_BITS} bits or with a
 * public exponent that is even, under 3 or over 32 bits (a proof's key is chosen by the sender and
 * used before anything binds it, so its cost must stay bounded). Other public members ({@code kid}, {@code use}, {@code alg}) are
 * allowed and play no part in the thumbprint. Immutable.
 */
final class ProofKey {
    /** The largest RSA proof key accepted, in bits. */
    static final int MAX_RSA_BITS = 8192;
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final VerificationKey key;
    private final String thumbprint;

    private ProofKey(VerificationKey key, String thumbprint) {
        this.key = key;
        this.thumbprint = thumbprint;
    }

    /** @return the key, bound to the algorithms of its type */
    VerificationKey key() {
        return key;
    }

    /** @return the base64url SHA-256 JWK thumbprint (RFC 7638), as {@code cnf.jkt} carries it */
    String thumbprint() {
        return thumbprint;
    }

    /**
     * @param jwk the {@code jwk} header value
     * @throws DPoPProofException {@link DPoPRefusal#DPOP_PROOF_KEY} for anything but a usable public key
     */
    static ProofKey of(JsonValue jwk) {
        if (!(jwk instanceof JsonObject)) {
            throw refuse("the jwk header is missing or not an object");
        }
        JsonObject object = (JsonObject) jwk;
        for (String member : PRIVATE_MEMBERS) {
            if (object.containsKey(member)) {
                throw refuse("the jwk carries the private or symmetric member '" + member + "'");
            }
        }
        String kty = string(object, "kty");
        try {
            switch (kty) {
                case "RSA": {
                    String n = string(object, "n");
                    String e = string(object, "e");
                    BigInteger modulus = unsigned(n);
                    BigInteger exponent = unsigned(e);
                    // the key is the sender's choice and is used before anything binds it: a huge
                    // modulus or exponent would make each refused proof cost a private-key operation
                    if (modulus.bitLength() > MAX_RSA_BITS) {
                        throw refuse("the RSA key has more than " + MAX_RSA_BITS + " bits");
                    }
                    if (exponent.bitLength() > 32 || !exponent.testBit(0) || exponent.compareTo(BigInteger.TWO) <= 0) {
                        throw refuse("the RSA public exponent is not an odd number from 3 to 2^32");
                    }
                    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                            new RSAPublicKeySpec(modulus, exponent));
                    return new ProofKey(bind(key), thumbprint("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}"));
                }
                case "EC": {
                    String crv = string(object, "crv");
                    String x = string(object, "x");
                    String y = string(object, "y");
                    int width;
                    String curve;
                    switch (crv) {
                        case "P-256": width = 32; curve = "secp256r1"; break;
                        case "P-384": width = 48; curve = "secp384r1"; break;
                        case "P-521": width = 66; curve = "secp521r1"; break;
                        default: throw refuse("the EC curve is not P-256, P-384 or P-521");
                    }
                    byte[] xBytes = decode(x);
                    byte[] yBytes = decode(y);
                    if (xBytes.length != width || yBytes.length != width) {
                        throw refuse("an EC coordinate does not have the curve's width (RFC 7518 section 6.2.1.2)");
                    }
                    java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(curve));
                    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
                    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                            new ECPoint(new BigInteger(1, xBytes), new BigInteger(1, yBytes)), spec));
                    return new ProofKey(bind(key), thumbprint("{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + x
                            + "\",\"y\":\"" + y + "\"}"));
                }
                case "OKP": {
                    String crv = string(object, "crv");
                    String x = string(object, "x");
                    if (!crv.equals("Ed25519")) {
                        throw refuse("the OKP curve is not Ed25519");
                    }
                    byte[] xBytes = decode(x);
                    if (xBytes.length != 32) {
                        throw refuse("an Ed25519 key is 32 bytes");
                    }
                    // RFC 8032 section 5.1.3: little-endian y, the top bit of the last byte is x's parity
                    boolean xOdd = (xBytes[31] & 0x80) != 0;
                    byte[] big = new byte[32];
                    for (int i = 0; i < 32; i++) {
                        big[i] = xBytes[31 - i];
                    }
                    big[0] &= 0x7F;
                    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(
                            NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, big))));
                    return new ProofKey(bind(key), thumbprint("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x
                            + "\"}"));
                }
                default:
                    throw refuse("the key type is not RSA, EC or OKP");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refuse("the jwk is not a usable public key: " + e.getClass().getSimpleName());
        }
    }

    private static VerificationKey bind(PublicKey key) {
        VerificationKey bound = VerificationKey.ofPublicKey(null, key); // curve and on-curve checks
        if (bound.family() == KeyFamily.RSA && bound.strengthBits() < 2048) {
            throw refuse("the RSA key has " + bound.strengthBits() + " bits; at least 2048 are required");
        }
        return bound;
    }

    /**
     * The RFC 7638 thumbprint of the canonical JSON {@code members}; the member values are canonical
     * base64url or fixed names here (checked before), so no escaping is needed.
     */
    private static String thumbprint(String canonicalJson) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String string(JsonObject object, String member) {
        JsonValue value = object.get(member);
        if (!(value instanceof JsonString)) {
            throw refuse("the jwk member '" + member + "' is missing or not a string");
        }
        return ((JsonString) value).getString();
    }

    private static byte[] decode(String base64url) {
        if (base64url.isEmpty()) {
            throw refuse("a jwk member is empty");
        }
        try {
            return Base64Url.decode(base64url);
        } catch (IllegalArgumentException e) {
            throw refuse("a jwk member is not canonical base64url");
        }
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, decode(base64url));
    }

    private static DPoPProofException refuse(String detail) {
        return new DPoPProofException(DPoPRefusal.DPOP_PROOF_KEY, detail);
    }
}

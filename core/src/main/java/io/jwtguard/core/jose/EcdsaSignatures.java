package io.jwtguard.core.jose;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The two spellings of an ECDSA-signed token. If (r, s) is a valid ECDSA signature, so is
 * (r, n - s), where n is the order of the curve: anyone can derive the second one from the
 * first, without the key. JOSE (RFC 7518 section 3.4) does not require the low-S form, and
 * issuers built on the JDK emit either, so both must verify; whatever is keyed on a token's
 * spelling (the verified-token cache, rejection digests) must therefore treat the two as one
 * token. Every other segment, and every other algorithm's signature, has exactly one canonical
 * base64url spelling ({@link Base64Url}).
 *
 * <p>Stateless and thread-safe. Never throws on malformed input: a string that is not an ECDSA
 * JWS simply has no twin.
 */
public final class EcdsaSignatures {
    private static final BigInteger P256_ORDER = order("secp256r1");
    private static final BigInteger P384_ORDER = order("secp384r1");
    private static final BigInteger P521_ORDER = order("secp521r1");

    private EcdsaSignatures() {
    }

    private static BigInteger order(String curve) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            return parameters.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + curve, e);
        }
    }

    /** @return the order n of the curve that {@code algorithm} is bound to, or null when it is not ES* */
    private static BigInteger orderOf(JwsAlgorithm algorithm) {
        switch (algorithm) {
            case ES256: return P256_ORDER;
            case ES384: return P384_ORDER;
            case ES512: return P521_ORDER;
            default: return null;
        }
    }

    /**
     * @param encodedLength the length in characters of a base64url signature segment
     * @return the ES* algorithm whose R || S signature has that length (86, 128 or 176
     *     characters), or null. Other algorithms have signatures of those lengths too (EdDSA and
     *     HS512: 86), so this is a candidate only: confirm it with the token's header.
     */
    public static JwsAlgorithm candidateForSignatureLength(int encodedLength) {
        switch (encodedLength) {
            case 86: return JwsAlgorithm.ES256;
            case 128: return JwsAlgorithm.ES384;
            case 176: return JwsAlgorithm.ES512;
            default: return null;
        }
    }

    /**
     * The other spelling of a compact JWS signed with {@code algorithm}: the same header and
     * payload text, with S replaced by n - S. Does not look at the header: the caller must know
     * that the token's {@code alg} is {@code algorithm} (for example from a cache entry made
     * after full verification, or by {@link #headerAlgorithm(String)}).
     *
     * @param jws a compact JWS (three segments), not null
     * @param algorithm ES256, ES384 or ES512
     * @return the twin, or null when {@code algorithm} is not ES*, {@code jws} is not three
     *     segments, or its signature is not a canonical R || S of the curve's width with
     *     0 &lt; S &lt; n
     */
    public static String twin(String jws, JwsAlgorithm algorithm) {
        BigInteger n = orderOf(algorithm);
        int dot = jws.lastIndexOf('.');
        if (n == null || dot < 0 || jws.indexOf('.') == dot || jws.indexOf('.', jws.indexOf('.') + 1) != dot) {
            return null;
        }
        int width = algorithm.sizeBytes();
        byte[] rs;
        try {
            rs = Base64Url.decode(jws, dot + 1, jws.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (rs.length != 2 * width) {
            return null;
        }
        BigInteger s = new BigInteger(1, rs, width, width);
        if (s.signum() <= 0 || s.compareTo(n) >= 0) {
            return null;
        }
        byte[] other = n.subtract(s).toByteArray(); // big-endian, at most width + 1 bytes (a sign byte)
        int copy = Math.min(other.length, width);
        java.util.Arrays.fill(rs, width, 2 * width, (byte) 0);
        System.arraycopy(other, other.length - copy, rs, 2 * width - copy, copy);
        return jws.substring(0, dot + 1) + Base64Url.encode(rs);
    }

    /**
     * The {@code alg} of a compact JWS header, parsed strictly.
     *
     * @return the algorithm, or null when the header is not canonical base64url of a strict JSON
     *     object with a supported {@code alg}
     */
    public static JwsAlgorithm headerAlgorithm(String jws) {
        int dot = jws.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonObject header = StrictJson.parseObject(Base64Url.decode(jws, 0, dot));
            JsonValue alg = header.get("alg");
            return alg instanceof JsonString ? JwsAlgorithm.fromJoseName(((JsonString) alg).getString()).orElse(null)
                    : null;
        } catch (MalformedJsonException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * One spelling for both twins, for fingerprints of tokens that were not necessarily verified
     * (rejection digests): when {@code token} is a compact JWS whose header's {@code alg} is
     * ES256, ES384 or ES512 and whose signature is a well-formed R || S, the spelling with
     * min(S, n - S); otherwise {@code token} itself.
     *
     * @param token any string, not null
     * @return the low-S spelling, or {@code token} (the same instance) when there is no other
     */
    public static String lowS(String token) {
        int dot = token.lastIndexOf('.');
        JwsAlgorithm candidate = dot < 0 ? null : candidateForSignatureLength(token.length() - dot - 1);
        if (candidate == null || headerAlgorithm(token) != candidate) {
            return token; // cheap length test first: most tokens need no header parse
        }
        String twin = twin(token, candidate);
        if (twin == null) {
            return token;
        }
        // both are canonical base64url of equally long R || S with the same R: the smaller text
        // position-wise is not the smaller number (the alphabet is not in ASCII order), so compare S
        int width = candidate.sizeBytes();
        BigInteger s = new BigInteger(1, Base64Url.decode(token, dot + 1, token.length()), width, width);
        BigInteger half = orderOf(candidate).shiftRight(1);
        return s.compareTo(half) <= 0 ? token : twin;
    }
}

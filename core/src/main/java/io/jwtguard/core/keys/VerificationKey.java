package io.jwtguard.core.keys;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key that configuration trusts, bound to the algorithms of its type: an RSA key serves RS*
 * and PS*, a P-256 key ES256 only, an Ed25519 key EdDSA, a secret HS* (only those whose hash is
 * no longer than the secret, unless weak secrets were explicitly allowed). The binding is fixed
 * here, from the key, so a token can never make a key serve another algorithm.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints key material.
 */
public final class VerificationKey {
    private final String keyId;
    private final Key key;
    private final KeyFamily family;
    private final Set<JwsAlgorithm> algorithms;
    private final int strengthBits;

    private static final ECParameterSpec P256 = namedCurve("secp256r1");
    private static final ECParameterSpec P384 = namedCurve("secp384r1");
    private static final ECParameterSpec P521 = namedCurve("secp521r1");

    private static ECParameterSpec namedCurve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + name, e);
        }
    }

    /** y^2 = x^3 + ax + b (mod p), with 0 <= x, y < p: a point off the curve is no key at all. */
    private static boolean onCurve(ECPublicKey key) {
        java.security.spec.ECPoint w = key.getW();
        java.security.spec.EllipticCurve curve = key.getParams().getCurve();
        if (w.equals(java.security.spec.ECPoint.POINT_INFINITY)
                || !(curve.getField() instanceof java.security.spec.ECFieldFp)) {
            return false;
        }
        java.math.BigInteger p = ((java.security.spec.ECFieldFp) curve.getField()).getP();
        java.math.BigInteger x = w.getAffineX();
        java.math.BigInteger y = w.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        java.math.BigInteger left = y.multiply(y).mod(p);
        java.math.BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    private VerificationKey(String keyId, Key key, KeyFamily family, Set<JwsAlgorithm> algorithms, int strengthBits) {
        this.keyId = keyId;
        this.key = key;
        this.family = family;
        this.algorithms = Collections.unmodifiableSet(algorithms);
        this.strengthBits = strengthBits;
    }

    /**
     * Binds a public key to the algorithms of its type.
     *
     * @param keyId the {@code kid} this key answers to, or null for a key that answers to any
     *     {@code kid} (a single PEM key, for example)
     * @param publicKey an RSA, EC (P-256, P-384, P-521) or Ed25519 public key, not null
     * @throws IllegalArgumentException for any other key type or curve
     */
    public static VerificationKey ofPublicKey(String keyId, PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) publicKey).getModulus().bitLength();
            return new VerificationKey(keyId, publicKey, KeyFamily.RSA, EnumSet.of(JwsAlgorithm.RS256,
                    JwsAlgorithm.RS384, JwsAlgorithm.RS512, JwsAlgorithm.PS256, JwsAlgorithm.PS384,
                    JwsAlgorithm.PS512), bits);
        }
        if (publicKey instanceof ECPublicKey) {
            ECParameterSpec params = ((ECPublicKey) publicKey).getParams();
            // the curve itself, not only its size, decides: secp256k1 is 256 bits but not ES256's P-256
            JwsAlgorithm algorithm = sameCurve(params, P256) ? JwsAlgorithm.ES256
                    : sameCurve(params, P384) ? JwsAlgorithm.ES384
                    : sameCurve(params, P521) ? JwsAlgorithm.ES512 : null;
            if (algorithm == null) {
                throw new IllegalArgumentException("unsupported EC curve; only P-256, P-384 and P-521 are accepted");
            }
            if (!onCurve((ECPublicKey) publicKey)) {
                throw new IllegalArgumentException("the EC public point is not on its curve");
            }
            return new VerificationKey(keyId, publicKey, KeyFamily.EC, EnumSet.of(algorithm),
                    params.getCurve().getField().getFieldSize());
        }
        if (publicKey instanceof EdECPublicKey) {
            NamedParameterSpec params = ((EdECPublicKey) publicKey).getParams();
            if (!"Ed25519".equalsIgnoreCase(params.getName())) {
                throw new IllegalArgumentException("unsupported EdDSA curve " + params.getName());
            }
            return new VerificationKey(keyId, publicKey, KeyFamily.ED25519, EnumSet.of(JwsAlgorithm.EdDSA), 256);
        }
        throw new IllegalArgumentException("unsupported public key type " + publicKey.getAlgorithm());
    }

    /**
     * Binds a shared secret to the HS* algorithms whose hash is no longer than the secret
     * (RFC 7518 section 3.2), or to all of them when {@code allowShort} is set.
     *
     * @param keyId the {@code kid} this secret answers to, or null for any
     * @param secret the secret bytes, not null, not empty; copied
     * @param allowShort whether shorter-than-hash secrets are acknowledged as acceptable
     * @throws IllegalArgumentException if the secret fits no algorithm
     */
    public static VerificationKey ofSecret(String keyId, byte[] secret, boolean allowShort) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        EnumSet<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        for (JwsAlgorithm a : new JwsAlgorithm[] {JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512}) {
            if (allowShort || secret.length >= a.sizeBytes()) {
                algorithms.add(a);
            }
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("the HMAC secret has " + secret.length
                    + " bytes; HS256 needs at least 32");
        }
        SecretKey key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        return new VerificationKey(keyId, key, KeyFamily.SECRET, algorithms, secret.length * 8);
    }

    /** @return the key id, or empty for a key that answers to any {@code kid} */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /**
     * @param tokenKeyId the token's {@code kid}, may be null
     * @return whether this key may be tried for a token with that {@code kid}: keys without an
     *     id answer to any, keys with an id only to the exact same string
     */
    public boolean answersTo(String tokenKeyId) {
        return keyId == null || tokenKeyId == null || keyId.equals(tokenKeyId);
    }

    /** @return the JCA key; for secrets, never log or expose it */
    public Key key() {
        return key;
    }

    /** @return the key family, never null */
    public KeyFamily family() {
        return family;
    }

    /** @return the algorithms this key may verify, unmodifiable, never empty */
    public Set<JwsAlgorithm> algorithms() {
        return algorithms;
    }

    /** @return whether this key may verify tokens of {@code algorithm} */
    public boolean supports(JwsAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    /**
     * @param algorithm one of {@link #algorithms()}
     * @return this key bound to that single algorithm (a JWK's {@code alg} narrows it so)
     * @throws IllegalArgumentException if this key does not support it
     */
    public VerificationKey restrictedTo(JwsAlgorithm algorithm) {
        if (!supports(algorithm)) {
            throw new IllegalArgumentException(algorithm + " does not fit a " + family + " key");
        }
        return new VerificationKey(keyId, key, family, EnumSet.of(algorithm), strengthBits);
    }

    /** @return RSA modulus bits, EC field bits, 256 for Ed25519, or secret length in bits */
    public int strengthBits() {
        return strengthBits;
    }

    @Override
    public String toString() {
        return "VerificationKey[kid=" + keyId + ", family=" + family + ", bits=" + strengthBits
                + ", algorithms=" + algorithms + "]";
    }
}

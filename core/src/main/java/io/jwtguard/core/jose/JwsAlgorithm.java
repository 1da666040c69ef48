package io.jwtguard.core.jose;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * The JWS algorithms this product verifies (RFC 7518 section 3, RFC 8037), each bound to one
 * {@link KeyFamily}. {@code none} is deliberately absent: no member of this enum can accept an
 * unsecured token. The checks themselves, and the JCA provider that computes them, are
 * {@link SignatureEngines}'.
 *
 * <p>Immutable and thread-safe.
 */
public enum JwsAlgorithm {
    RS256("SHA256withRSA", KeyFamily.RSA, 0),
    RS384("SHA384withRSA", KeyFamily.RSA, 0),
    RS512("SHA512withRSA", KeyFamily.RSA, 0),
    PS256("RSASSA-PSS", KeyFamily.RSA, 32),
    PS384("RSASSA-PSS", KeyFamily.RSA, 48),
    PS512("RSASSA-PSS", KeyFamily.RSA, 64),
    ES256("SHA256withECDSAinP1363Format", KeyFamily.EC, 32),
    ES384("SHA384withECDSAinP1363Format", KeyFamily.EC, 48),
    ES512("SHA512withECDSAinP1363Format", KeyFamily.EC, 66),
    EdDSA("Ed25519", KeyFamily.ED25519, 32),
    HS256("HmacSHA256", KeyFamily.SECRET, 32),
    HS384("HmacSHA384", KeyFamily.SECRET, 48),
    HS512("HmacSHA512", KeyFamily.SECRET, 64);

    private final String jcaName;
    private final KeyFamily family;
    /** PSS salt length, ECDSA field size, Ed25519 key size or minimum HMAC secret length, in bytes. */
    private final int size;

    JwsAlgorithm(String jcaName, KeyFamily family, int size) {
        this.jcaName = jcaName;
        this.family = family;
        this.size = size;
    }

    /**
     * Looks an algorithm up by its exact, case-sensitive JOSE name.
     *
     * @param name the {@code alg} header value, may be null
     * @return the algorithm, or empty when the name is null or not one we support
     */
    public static Optional<JwsAlgorithm> fromJoseName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(ByName.BY_NAME.get(name));
    }

    /** Lookup table built once (an enum's {@code values()} copies its array on every call). */
    private static final class ByName {
        static final java.util.Map<String, JwsAlgorithm> BY_NAME = java.util.Arrays.stream(values())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(JwsAlgorithm::name, a -> a));
    }

    /** @return true if {@code name} spells {@code none} in any letter case */
    public static boolean isNone(String name) {
        return name != null && name.trim().toLowerCase(Locale.ROOT).equals("none");
    }

    /** @return the JOSE name, for example {@code RS256} */
    public String joseName() {
        return name();
    }

    /** @return the key family this algorithm is bound to, never null */
    public KeyFamily keyFamily() {
        return family;
    }

    /**
     * @return for HS* the minimum secret length in bytes (the hash output size, RFC 7518
     *     section 3.2); for ES* the curve's field size in bytes
     */
    public int sizeBytes() {
        return size;
    }

    /** @return the JCA algorithm name, for example {@code SHA256withECDSAinP1363Format} */
    String jcaName() {
        return jcaName;
    }

    /**
     * Checks a signature with the JDK's own providers, exactly as {@link SignatureEngines#verify}
     * does (all our checks in front of the JCA engine).
     *
     * @return true only if the signature is well formed for this algorithm and valid
     * @throws GeneralSecurityException if the JDK refuses the key
     * @see SignatureEngines#jdk()
     */
    public boolean verify(Key key, byte[] input, int inputLength, byte[] signature) throws GeneralSecurityException {
        return SignatureEngines.jdk().verify(this, key, input, inputLength, signature);
    }

    /**
     * A new JCA engine for this algorithm: a {@link Mac} for HS*, a {@link Signature} (with the PSS
     * parameters for PS*) otherwise.
     *
     * @param provider the provider to take it from, or null for the JDK's preference order
     * @throws NoSuchAlgorithmException if the provider lacks the algorithm
     * @throws InvalidAlgorithmParameterException if it refuses the PSS parameters
     */
    Object newEngine(java.security.Provider provider)
            throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
        if (family == KeyFamily.SECRET) {
            return provider == null ? Mac.getInstance(jcaName) : Mac.getInstance(jcaName, provider);
        }
        Signature signature = provider == null ? Signature.getInstance(jcaName) : Signature.getInstance(jcaName, provider);
        if (jcaName.equals("RSASSA-PSS")) {
            String hash = "SHA-" + (size * 8);
            signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), size, 1));
        }
        return signature;
    }
}

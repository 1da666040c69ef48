package io.jwtguard.core.jose;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The JWS algorithms this product verifies (RFC 7518 section 3, RFC 8037), each bound to one
 * {@link KeyFamily} and checked with the JDK's own crypto. {@code none} is deliberately absent:
 * no member of this enum can accept an unsecured token.
 *
 * <p>Thread-safe. JCA engines are pooled per algorithm (a small lock-free pool, no
 * {@code ThreadLocal}): a server's worker threads never hold an engine of ours, so undeploying
 * an application releases its class loader. An engine keeps the key it was last initialised with,
 * so repeated verifications with one key skip {@code initVerify}.
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
    /** Idle JCA engines, each with the key it was last initialised with. */
    private final EnginePool engines;

    JwsAlgorithm(String jcaName, KeyFamily family, int size) {
        this.jcaName = jcaName;
        this.family = family;
        this.size = size;
        this.engines = new EnginePool();
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

    /**
     * Checks a signature over {@code input[0, inputLength)}. The caller has already made sure
     * that {@code key} belongs to this algorithm's family (see {@code VerificationKey}).
     *
     * @return true only if the signature is well formed for this algorithm and valid
     * @throws GeneralSecurityException if the JDK refuses the key
     */
    public boolean verify(Key key, byte[] input, int inputLength, byte[] signature) throws GeneralSecurityException {
        switch (family) {
            case SECRET:
                return verifyMac((SecretKey) key, input, inputLength, signature);
            case RSA:
                if (signature.length != (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8) {
                    return false;
                }
                return verifySignature((PublicKey) key, input, inputLength, signature);
            case EC:
                if (!isCanonicalEcdsa((ECPublicKey) key, signature)) {
                    return false;
                }
                return verifySignature((PublicKey) key, input, inputLength, signature);
            case ED25519:
                if (signature.length != 64) {
                    return false;
                }
                return verifySignature((PublicKey) key, input, inputLength, signature);
            default:
                return false;
        }
    }

    private boolean verifyMac(SecretKey key, byte[] input, int inputLength, byte[] signature)
            throws GeneralSecurityException {
        Engine engine = borrow();
        try {
            Mac mac = (Mac) engine.jca;
            if (signature.length != mac.getMacLength()) {
                return false;
            }
            // doFinal leaves the Mac initialised with the same key: re-initialising is needed only
            // for another key (identity: key objects of a key set are not rebuilt per request)
            if (engine.key != key) {
                engine.key = null;
                mac.init(key);
                engine.key = key;
            }
            mac.update(input, 0, inputLength);
            return MessageDigest.isEqual(mac.doFinal(), signature);
        } finally {
            engines.release(engine);
        }
    }

    private boolean verifySignature(PublicKey key, byte[] input, int inputLength, byte[] signature)
            throws GeneralSecurityException {
        Engine engine = borrow();
        Signature jca = (Signature) engine.jca;
        // verify() resets the engine to its state after initVerify (java.security.Signature): the
        // same key needs no new initVerify; after any failure the engine is initialised afresh
        boolean valid = false;
        try {
            if (engine.key != key) {
                engine.key = null;
                jca.initVerify(key);
                engine.key = key;
            }
            jca.update(input, 0, inputLength);
            valid = jca.verify(signature);
            return valid;
        } catch (java.security.SignatureException e) {
            return false;
        } finally {
            if (!valid) {
                engine.key = null;
            }
            engines.release(engine);
        }
    }

    private Engine borrow() {
        Engine engine = engines.borrow();
        return engine != null ? engine : new Engine(newEngine());
    }

    /** A JCA engine ({@link Mac} or {@link Signature}) and the key it holds, if any; one user at a time. */
    private static final class Engine {
        final Object jca;
        /** Null when the engine must be initialised before use. */
        Key key;

        Engine(Object jca) {
            this.jca = jca;
        }
    }

    /**
     * Idle engines in a fixed array of slots: {@link #borrow()} takes one (or none when all
     * slots are empty), {@link #release} puts one back (or drops it when all slots are full).
     * Lock-free and allocation-free; a thread starts at a slot derived from its id, so threads
     * rarely contend. At most {@link #SLOTS} idle engines per algorithm.
     */
    private static final class EnginePool {
        static final int SLOTS = 32;
        private final java.util.concurrent.atomic.AtomicReferenceArray<Engine> slots =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(SLOTS);

        Engine borrow() {
            int start = start();
            for (int i = 0; i < SLOTS; i++) {
                int slot = (start + i) & (SLOTS - 1);
                Engine engine = slots.get(slot);
                if (engine != null && slots.compareAndSet(slot, engine, null)) {
                    return engine;
                }
            }
            return null;
        }

        void release(Engine engine) {
            int start = start();
            for (int i = 0; i < SLOTS; i++) {
                int slot = (start + i) & (SLOTS - 1);
                if (slots.get(slot) == null && slots.compareAndSet(slot, null, engine)) {
                    return;
                }
            }
        }

        private static int start() {
            return (int) Thread.currentThread().getId() & (SLOTS - 1);
        }
    }

    /**
     * An ECDSA signature (RFC 7518 section 3.4) must be exactly R || S, each as wide as the
     * curve's field, and both in [1, n-1]. Refusing zero and out-of-range values here blocks
     * the "psychic signatures" forgery (CVE-2022-21449) whatever the JDK's patch level.
     */
    private boolean isCanonicalEcdsa(ECPublicKey key, byte[] signature) {
        if (signature.length != 2 * size) {
            return false;
        }
        BigInteger order = key.getParams().getOrder();
        BigInteger r = new BigInteger(1, signature, 0, size);
        BigInteger s = new BigInteger(1, signature, size, size);
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
    }

    private Object newEngine() {
        try {
            if (family == KeyFamily.SECRET) {
                return Mac.getInstance(jcaName);
            }
            Signature signature = Signature.getInstance(jcaName);
            if (jcaName.equals("RSASSA-PSS")) {
                String hash = "SHA-" + (size * 8);
                signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), size, 1));
            }
            return signature;
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }
}

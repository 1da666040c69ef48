package io.jwtguard.core.jose;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Where the signatures of every {@link JwsAlgorithm} are computed: for each algorithm, either the
 * JDK's own providers or one native JCA provider instance (chosen by {@link CryptoProviders}).
 * The provider instance is used explicitly, {@code Signature.getInstance(name, provider)}: it is
 * never installed in the JVM's provider list, which an application server shares between
 * applications.
 *
 * <p>Whatever the provider, our own checks run in front of it, so that every provider takes the
 * same decision on the same input: the RSA signature is exactly as long as the modulus; an ECDSA
 * signature is R || S, each as wide as the curve's field and in [1, n-1] (RFC 7518 section 3.4,
 * CVE-2022-21449); an Ed25519 signature is 64 bytes with a canonical S &lt; L (RFC 8032 section
 * 5.1.7); an HMAC is compared in constant time by us, never by the provider.
 *
 * <p>Immutable as a value (which provider serves which algorithm never changes) and thread-safe.
 * JCA engines are pooled per algorithm in a small lock-free pool, no {@code ThreadLocal}: a
 * server's worker threads never hold an engine of ours, so undeploying an application releases
 * its class loader. An engine keeps the key it was last initialised with, so repeated
 * verifications with one key skip {@code initVerify}.
 */
public final class SignatureEngines {
    /** The group order L of edwards25519 (RFC 8032 section 5.1). */
    private static final BigInteger ED25519_ORDER = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final SignatureEngines JDK = new SignatureEngines(null, Set.of(),
            "jwtguard.crypto.provider=jdk");

    /** Null when every algorithm uses the JDK. */
    private final Provider provider;
    /** The algorithms {@link #provider} serves; the others use the JDK. */
    private final Set<JwsAlgorithm> nativeAlgorithms;
    private final String reason;
    private final Map<JwsAlgorithm, EnginePool> pools;

    private SignatureEngines(Provider provider, Set<JwsAlgorithm> nativeAlgorithms, String reason) {
        this.provider = provider;
        this.nativeAlgorithms = nativeAlgorithms.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(nativeAlgorithms));
        this.reason = reason;
        EnumMap<JwsAlgorithm, EnginePool> map = new EnumMap<>(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            map.put(algorithm, new EnginePool());
        }
        this.pools = Collections.unmodifiableMap(map);
    }

    /** @return the engines of the JDK's own providers for every algorithm; one shared instance */
    public static SignatureEngines jdk() {
        return JDK;
    }

    /**
     * @param reason why the JDK serves every algorithm, for logs and the posture report; not null
     * @return new engines of the JDK's own providers
     */
    static SignatureEngines jdk(String reason) {
        return new SignatureEngines(null, Set.of(), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Engines that take {@code algorithms} from {@code provider} and every other algorithm from
     * the JDK. The caller has checked the provider ({@link KnownAnswers}).
     *
     * @param provider a provider instance, not installed in the JVM; not null
     * @param algorithms the algorithms it serves, not null
     * @param reason why this provider was chosen, for logs and the posture report; not null
     */
    static SignatureEngines of(Provider provider, Set<JwsAlgorithm> algorithms, String reason) {
        Objects.requireNonNull(provider, "provider");
        return algorithms.isEmpty() ? jdk(reason) : new SignatureEngines(provider, algorithms, reason);
    }

    /** @return the native provider's name, or empty when the JDK serves every algorithm */
    public java.util.Optional<String> nativeProviderName() {
        return provider == null ? java.util.Optional.empty() : java.util.Optional.of(provider.getName());
    }

    /** @return the algorithms the native provider serves; empty when the JDK serves all; unmodifiable */
    public Set<JwsAlgorithm> nativeAlgorithms() {
        return nativeAlgorithms;
    }

    /** @return the name of the provider that computes {@code algorithm}: a native provider's, or {@code JDK} */
    public String providerFor(JwsAlgorithm algorithm) {
        return nativeAlgorithms.contains(algorithm) ? provider.getName() : "JDK";
    }

    /**
     * @return one line for logs and the posture report: which provider serves which algorithms,
     *     and why; never contains key material
     */
    public String summary() {
        if (provider == null) {
            return "signatures use the JDK's providers (" + reason + ")";
        }
        EnumSet<JwsAlgorithm> jdkAlgorithms = EnumSet.complementOf(EnumSet.copyOf(nativeAlgorithms));
        return "signatures use " + provider.getName() + " " + provider.getVersionStr() + " for "
                + EnumSet.copyOf(nativeAlgorithms)
                + (jdkAlgorithms.isEmpty() ? "" : " and the JDK's providers for " + jdkAlgorithms)
                + " (" + reason + ")";
    }

    @Override
    public String toString() {
        return summary();
    }

    /**
     * Checks a signature over {@code input[0, inputLength)}. The caller has already made sure
     * that {@code key} belongs to the algorithm's family (see {@code VerificationKey}).
     *
     * @return true only if the signature is well formed for {@code algorithm} and valid
     * @throws GeneralSecurityException if the provider refuses the key
     */
    public boolean verify(JwsAlgorithm algorithm, Key key, byte[] input, int inputLength, byte[] signature)
            throws GeneralSecurityException {
        switch (algorithm.keyFamily()) {
            case SECRET:
                return verifyMac(algorithm, (SecretKey) key, input, inputLength, signature);
            case RSA:
                if (signature.length != (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8) {
                    return false;
                }
                return verifySignature(algorithm, (PublicKey) key, input, inputLength, signature);
            case EC:
                if (!isCanonicalEcdsa(algorithm.sizeBytes(), (ECPublicKey) key, signature)) {
                    return false;
                }
                return verifySignature(algorithm, (PublicKey) key, input, inputLength, signature);
            case ED25519:
                if (!isCanonicalEd25519(signature)) {
                    return false;
                }
                return verifySignature(algorithm, (PublicKey) key, input, inputLength, signature);
            default:
                return false;
        }
    }

    /**
     * Signs {@code input} with the provider that verifies {@code algorithm}. ECDSA signatures come
     * out as R || S (JOSE's form), HMACs as the full tag.
     *
     * @param key a private key of the algorithm's family, or the HMAC secret
     * @return the signature, never null
     * @throws GeneralSecurityException if the provider refuses the key
     */
    public byte[] sign(JwsAlgorithm algorithm, Key key, byte[] input) throws GeneralSecurityException {
        Object jca = newEngine(algorithm); // signing is rare next to verifying: no pool
        if (jca instanceof Mac mac) {
            mac.init(key);
            return mac.doFinal(input);
        }
        Signature signature = (Signature) jca;
        signature.initSign((PrivateKey) key);
        signature.update(input);
        return signature.sign();
    }

    private boolean verifyMac(JwsAlgorithm algorithm, SecretKey key, byte[] input, int inputLength, byte[] signature)
            throws GeneralSecurityException {
        Engine engine = borrow(algorithm);
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
            pools.get(algorithm).release(engine);
        }
    }

    private boolean verifySignature(JwsAlgorithm algorithm, PublicKey key, byte[] input, int inputLength,
            byte[] signature) throws GeneralSecurityException {
        Engine engine = borrow(algorithm);
        Signature jca = (Signature) engine.jca;
        // verify() resets the engine to its state after initVerify (java.security.Signature): the
        // same key needs no new initVerify; after any failure the engine is initialised afresh.
        // The start-up self-test (KnownAnswers) checks that a native provider behaves so.
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
        } catch (SignatureException e) {
            return false;
        } finally {
            if (!valid) {
                engine.key = null;
            }
            pools.get(algorithm).release(engine);
        }
    }

    private Engine borrow(JwsAlgorithm algorithm) {
        Engine engine = pools.get(algorithm).borrow();
        return engine != null ? engine : new Engine(newEngine(algorithm));
    }

    private Object newEngine(JwsAlgorithm algorithm) {
        try {
            return algorithm.newEngine(nativeAlgorithms.contains(algorithm) ? provider : null);
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(providerFor(algorithm) + " lacks " + algorithm.jcaName(), e);
        }
    }

    /**
     * An ECDSA signature (RFC 7518 section 3.4) must be exactly R || S, each as wide as the
     * curve's field, and both in [1, n-1]. Refusing zero and out-of-range values here blocks
     * the "psychic signatures" forgery (CVE-2022-21449) whatever the provider's patch level.
     */
    private static boolean isCanonicalEcdsa(int width, ECPublicKey key, byte[] signature) {
        if (signature.length != 2 * width) {
            return false;
        }
        BigInteger order = key.getParams().getOrder();
        BigInteger r = new BigInteger(1, signature, 0, width);
        BigInteger s = new BigInteger(1, signature, width, width);
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
    }

    /**
     * An Ed25519 signature is R || S, 64 bytes, S little-endian; RFC 8032 section 5.1.7 requires
     * rejecting S &gt;= L, or S + L would be a second valid signature of the same message.
     */
    static boolean isCanonicalEd25519(byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        if ((signature[63] & 0xf0) == 0) {
            return true; // S < 2^252 < L: the common case needs no big-number arithmetic
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = signature[63 - i];
        }
        return new BigInteger(1, bigEndian).compareTo(ED25519_ORDER) < 0;
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
        private final AtomicReferenceArray<Engine> slots = new AtomicReferenceArray<>(SLOTS);

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
}

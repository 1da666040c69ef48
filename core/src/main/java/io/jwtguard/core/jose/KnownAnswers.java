package io.jwtguard.core.jose;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The start-up self-test of a JCA provider: for every {@link JwsAlgorithm}, fixed signatures made
 * once with the JDK (resource {@code known-answers.properties}) must verify, and tampered ones
 * (one bit of the signature flipped, one byte of the message changed, an all-zero signature) must
 * not. For ECDSA the other spelling (R, n - S) of a valid signature must verify too, as it does
 * with the JDK. Each check runs on one engine the way {@link SignatureEngines} uses it: a
 * successful verification followed by another without a new {@code initVerify}, and a fresh
 * {@code initVerify} after a refusal. The keys are the JDK's key objects, as in production.
 *
 * <p>The test vectors are public test data, not secrets. Stateless and thread-safe.
 */
final class KnownAnswers {
    /** What the self-test found for one algorithm. */
    enum Result {
        /** Every known answer was right. */
        PASSED,
        /** The provider lacks the algorithm or refuses the JDK's key objects: the JDK serves it. */
        UNSUPPORTED,
        /** The provider gave a wrong answer: it must not be used for anything. */
        WRONG_ANSWER
    }

    private static final Properties VECTORS = load();

    private KnownAnswers() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = KnownAnswers.class.getResourceAsStream("known-answers.properties")) {
            if (in == null) {
                throw new IllegalStateException("known-answers.properties is missing from jwtguard-core");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read known-answers.properties", e);
        }
        return properties;
    }

    /**
     * Runs the known answers of every algorithm through {@code provider}.
     *
     * @param provider a provider instance, not null; never installed
     * @return the result per algorithm, for every algorithm
     */
    static Map<JwsAlgorithm, Result> run(Provider provider) {
        Map<JwsAlgorithm, Result> results = new EnumMap<>(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            results.put(algorithm, run(provider, algorithm));
        }
        return results;
    }

    static Result run(Provider provider, JwsAlgorithm algorithm) {
        byte[] message = bytes("message");
        byte[] signature = bytes(algorithm.name() + ".signature");
        Object engine;
        try {
            engine = algorithm.newEngine(provider);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Result.UNSUPPORTED;
        }
        try {
            if (engine instanceof Mac mac) {
                return macAnswers(mac, message, signature) ? Result.PASSED : Result.WRONG_ANSWER;
            }
            PublicKey key = publicKey(algorithm);
            Signature jca = (Signature) engine;
            try {
                jca.initVerify(key);
            } catch (GeneralSecurityException | RuntimeException e) {
                return Result.UNSUPPORTED; // for example a provider that does not take the JDK's key objects
            }
            boolean right = verifies(jca, key, message, signature, false)
                    && verifies(jca, key, message, signature, false) // again, without a new initVerify
                    && !verifies(jca, key, message, flipLastBit(signature), false)
                    && verifies(jca, key, message, signature, true)
                    && !verifies(jca, key, flipFirstByte(message), signature, true)
                    && !verifies(jca, key, message, new byte[signature.length], true);
            if (right && algorithm.keyFamily() == KeyFamily.EC) {
                right = verifies(jca, key, message, otherSpelling((ECPublicKey) key, algorithm.sizeBytes(), signature),
                        true);
            }
            return right ? Result.PASSED : Result.WRONG_ANSWER;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Result.WRONG_ANSWER; // it took the key, then failed on a known answer
        }
    }

    private static boolean macAnswers(Mac mac, byte[] message, byte[] expected) throws GeneralSecurityException {
        mac.init(new SecretKeySpec(bytes("HMAC.key"), mac.getAlgorithm()));
        byte[] first = mac.doFinal(message);
        byte[] again = mac.doFinal(message); // doFinal leaves the Mac ready for the same key
        byte[] other = mac.doFinal(flipFirstByte(message));
        return MessageDigest.isEqual(first, expected) && MessageDigest.isEqual(again, expected)
                && !MessageDigest.isEqual(other, expected);
    }

    /**
     * @param reinitialise whether to call {@code initVerify} first, as {@link SignatureEngines}
     *     does after a refusal
     * @return whether the engine accepted; a {@link SignatureException} counts as a refusal
     */
    private static boolean verifies(Signature jca, PublicKey key, byte[] message, byte[] signature,
            boolean reinitialise) throws GeneralSecurityException {
        if (reinitialise) {
            jca.initVerify(key);
        }
        jca.update(message);
        try {
            return jca.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    private static PublicKey publicKey(JwsAlgorithm algorithm) throws GeneralSecurityException {
        String name = switch (algorithm.keyFamily()) {
            case RSA -> "RSA";
            case EC -> algorithm.name();
            case ED25519 -> "EdDSA";
            default -> throw new IllegalArgumentException(algorithm + " has no public key");
        };
        String type = switch (algorithm.keyFamily()) {
            case RSA -> "RSA";
            case EC -> "EC";
            default -> "Ed25519";
        };
        // the JDK's key objects, as KeyMaterial and the JWKS client build them
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(bytes(name + ".key")));
    }

    private static byte[] otherSpelling(ECPublicKey key, int width, byte[] signature) {
        BigInteger n = key.getParams().getOrder();
        BigInteger s = new BigInteger(1, signature, width, width);
        byte[] other = n.subtract(s).toByteArray();
        byte[] result = signature.clone();
        java.util.Arrays.fill(result, width, 2 * width, (byte) 0);
        int copy = Math.min(other.length, width);
        System.arraycopy(other, other.length - copy, result, 2 * width - copy, copy);
        return result;
    }

    private static byte[] flipLastBit(byte[] value) {
        byte[] copy = value.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static byte[] flipFirstByte(byte[] value) {
        byte[] copy = value.clone();
        copy[0] ^= 0x20;
        return copy;
    }

    private static byte[] bytes(String name) {
        String value = VECTORS.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("known-answers.properties lacks " + name);
        }
        return Base64.getDecoder().decode(value);
    }
}

package io.jwtguard.core.keys;

import io.jwtguard.core.jose.KeyFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The weakest keys a deployment accepts, one policy for every key of every issuer whatever its
 * source: configured keys are checked when the configuration is built (under
 * {@link #ABSOLUTE_MIN_RSA_BITS} refused outright, under the policy's minimum a posture finding),
 * JWK Sets when fetched (weak keys dropped with a warning that names their {@code kid}), and every
 * key again when the verifier is about to use it, which covers key sources whose keys are only
 * known at run time. Immutable and thread-safe.
 */
public final class KeyStrengthPolicy {
    /** RSA modulus bits accepted by the hardened profile (NIST SP 800-57: 112-bit security). */
    public static final int HARDENED_MIN_RSA_BITS = 2048;
    /** RSA modulus bits below which no profile accepts a key; MicroProfile JWT's TCK uses 1024. */
    public static final int ABSOLUTE_MIN_RSA_BITS = 1024;

    private static final System.Logger LOG = System.getLogger(KeyStrengthPolicy.class.getName());

    private final int minRsaBits;

    /** @param minRsaBits the smallest RSA modulus accepted, at least {@link #ABSOLUTE_MIN_RSA_BITS} */
    public KeyStrengthPolicy(int minRsaBits) {
        if (minRsaBits < ABSOLUTE_MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys under " + ABSOLUTE_MIN_RSA_BITS + " bits are never accepted");
        }
        this.minRsaBits = minRsaBits;
    }

    /** @return the smallest RSA modulus accepted, in bits */
    public int minRsaBits() {
        return minRsaBits;
    }

    /** @return whether {@code key} is strong enough */
    public boolean accepts(VerificationKey key) {
        return key.family() != KeyFamily.RSA || key.strengthBits() >= minRsaBits;
    }

    /**
     * @return whether {@code key} is at least as strong as the floor that no profile and no
     *     acknowledgement lowers: RSA of {@link #ABSOLUTE_MIN_RSA_BITS} bits or more, any other family
     */
    public static boolean meetsAbsoluteFloor(VerificationKey key) {
        return key.family() != KeyFamily.RSA || key.strengthBits() >= ABSOLUTE_MIN_RSA_BITS;
    }

    /**
     * @param keys candidate keys, not null
     * @param source where they came from, for the warning
     * @return the keys that are strong enough, in order
     */
    public List<VerificationKey> filter(List<VerificationKey> keys, String source) {
        return filter(keys, source, IgnoredKeyWarnings.always());
    }

    /** As {@link #filter(List, String)}, saying why keys are dropped through {@code warnings}. */
    List<VerificationKey> filter(List<VerificationKey> keys, String source, IgnoredKeyWarnings warnings) {
        List<VerificationKey> kept = new ArrayList<>(keys.size());
        for (VerificationKey key : keys) {
            if (accepts(key)) {
                kept.add(key);
            } else {
                warnings.ignored(LOG, key.keyId().orElse(""), "weak", "Key kid ''{0}'' in {1} is ignored: RSA {2} bits "
                        + "is under the minimum of {3}", key.keyId().orElse(""), source, key.strengthBits(), minRsaBits);
            }
        }
        return List.copyOf(kept);
    }
}

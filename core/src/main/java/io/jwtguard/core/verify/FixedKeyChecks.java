package io.jwtguard.core.verify;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.VerificationKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The builder's checks on the keys that sources report up front ({@link KeySource#fixedKeys()}),
 * whatever the source's class: the absolute key-strength floor, the default algorithms, and that
 * some key fits an allowed algorithm. Stateless.
 */
final class FixedKeyChecks {
    private FixedKeyChecks() {
    }

    /**
     * RSA keys under {@link KeyStrengthPolicy#ABSOLUTE_MIN_RSA_BITS} are refused for every issuer
     * in every profile, acknowledged or not; keys that a source only knows at run time are held
     * to the same floor when they are used.
     */
    static void checkAbsoluteFloor(List<KeySource> keySources, List<TrustedIssuer> trustedIssuers, SettingNames names) {
        List<KeySource> all = new ArrayList<>(keySources);
        trustedIssuers.forEach(t -> all.addAll(t.keySources()));
        for (KeySource source : all) {
            for (VerificationKey key : source.fixedKeys().orElse(List.of())) {
                if (!KeyStrengthPolicy.meetsAbsoluteFloor(key)) {
                    throw new InvalidSettingException(names.ofKeys(source), "RSA key of " + key.strengthBits()
                            + " bits in " + source.describe() + " is under " + KeyStrengthPolicy.ABSOLUTE_MIN_RSA_BITS
                            + " bits, which no profile or acknowledgement accepts; use at least "
                            + KeyStrengthPolicy.HARDENED_MIN_RSA_BITS + " bits");
                }
            }
        }
    }

    /** With only fixed keys, a configuration whose keys fit none of the allowed algorithms would refuse everything. */
    static void checkSomeKeyFits(List<KeySource> keySources, Set<JwsAlgorithm> algorithms, SettingNames names) {
        if (keySources.isEmpty() || !keySources.stream().allMatch(k -> k.fixedKeys().isPresent())) {
            return;
        }
        boolean fits = keySources.stream().flatMap(k -> k.fixedKeys().orElseThrow().stream())
                .anyMatch(key -> key.algorithms().stream().anyMatch(algorithms::contains));
        if (!fits) {
            throw new InvalidSettingException(names.of(Setting.ALGORITHMS),
                    "no configured key can verify any allowed algorithm " + algorithms
                    + "; allow the algorithm of your keys (for example RS256 for RSA keys, ES256 for P-256 keys, "
                    + "HS256 for a secret)");
        }
    }

    /** RS256 (MicroProfile JWT's default) per key source, HS256 for a source whose fixed keys are all secrets. */
    static Set<JwsAlgorithm> defaultAlgorithms(List<KeySource> keySources) {
        EnumSet<JwsAlgorithm> result = EnumSet.noneOf(JwsAlgorithm.class);
        for (KeySource source : keySources) {
            List<VerificationKey> fixed = source.fixedKeys().orElse(List.of());
            boolean secret = !fixed.isEmpty() && fixed.stream().allMatch(k -> k.family() == KeyFamily.SECRET);
            result.add(secret ? JwsAlgorithm.HS256 : JwsAlgorithm.RS256);
        }
        return result;
    }
}

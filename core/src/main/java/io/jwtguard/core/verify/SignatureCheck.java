package io.jwtguard.core.verify;

import io.jwtguard.core.jose.Printable;
import static io.jwtguard.core.verify.TokenParts.reject;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.VerificationKey;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The signature step of the pipeline: key selection among the keys that configuration trusts
 * ({@code kid} is only a lookup key), the key-strength policy applied to every key when it is
 * used, one refresh for an unknown {@code kid}, and the signature check itself. Immutable and
 * thread-safe.
 */
final class SignatureCheck {
    /** The verifier's logger: one name to configure for the whole pipeline. */
    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());

    /** Applied to every key when it is used: key sources may serve keys that were never checked. */
    private final KeyStrengthPolicy keyStrength;

    /** The JCA providers that compute the signature, behind our own checks. */
    private final SignatureEngines engines;

    SignatureCheck(KeyStrengthPolicy keyStrength, SignatureEngines engines) {
        this.keyStrength = keyStrength;
        this.engines = engines;
    }

    /**
     * @throws TokenRejectedException {@code NO_MATCHING_KEY} or {@code INVALID_SIGNATURE}
     * @throws io.jwtguard.core.availability.VerificationUnavailableException if a source could not
     *     look for an unknown {@code kid} and no other key verified
     */
    void verifySignature(List<KeySource> sources, JwsAlgorithm algorithm, String kid, byte[] signingInput,
            int signingInputLength, byte[] signature) {
        int outcome = tryKeys(sources, algorithm, kid, signingInput, signingInputLength, signature);
        if (outcome == NO_CANDIDATE && kid != null) {
            // an unknown kid may mean the issuer rotated keys: sources that can refresh decide
            // (single-flight, rate-limited) whether to look; we retry once if anything changed.
            // A source that could not look makes the answer "unavailable" (503), not a rejection.
            boolean changed = false;
            VerificationUnavailableException couldNotLook = null;
            for (KeySource source : sources) {
                try {
                    changed |= source.refreshForUnknownKeyId(kid);
                } catch (VerificationUnavailableException e) {
                    couldNotLook = e; // another source may still have the key
                }
            }
            if (changed) {
                outcome = tryKeys(sources, algorithm, kid, signingInput, signingInputLength, signature);
            }
            if (outcome != VERIFIED && couldNotLook != null) {
                throw couldNotLook;
            }
        }
        if (outcome == VERIFIED) {
            return;
        }
        if (outcome == NO_CANDIDATE) {
            throw reject(RejectionReason.NO_MATCHING_KEY, "no trusted key for " + algorithm
                    + (kid == null ? " (the token has no kid)" : " with kid " + Printable.quoted(kid))
                    + "; trusted kids: " + knownKeyIds(sources));
        }
        throw reject(RejectionReason.INVALID_SIGNATURE, "the " + algorithm + " signature does not verify");
    }

    /**
     * @return the kids of the keys the sources serve now (cached keys only; a source that cannot
     *     answer is named as such), sorted, at most 20; for the diagnostic of a refusal
     */
    private static String knownKeyIds(List<KeySource> sources) {
        java.util.TreeSet<String> kids = new java.util.TreeSet<>();
        boolean unnamed = false;
        for (KeySource source : sources) {
            try {
                for (VerificationKey key : source.keys()) {
                    if (key.keyId().isPresent()) {
                        kids.add(Printable.quoted(key.keyId().get()));
                    } else {
                        unnamed = true;
                    }
                }
            } catch (RuntimeException e) {
                kids.add("(" + source.describe() + " unavailable)");
            }
        }
        java.util.List<String> shown = kids.stream().limit(20).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        if (unnamed) {
            shown.add("keys without kid");
        }
        return shown + (kids.size() > 20 ? " (" + kids.size() + " kids)" : "");
    }

    private static final int VERIFIED = 0;
    private static final int NO_CANDIDATE = 1;
    private static final int BAD_SIGNATURE = 2;

    private int tryKeys(List<KeySource> sources, JwsAlgorithm algorithm, String kid, byte[] signingInput,
            int signingInputLength, byte[] signature) {
        boolean candidate = false;
        for (KeySource source : sources) {
            for (VerificationKey key : source.keys()) {
                if (!key.supports(algorithm) || !key.answersTo(kid)) {
                    continue;
                }
                if (!keyStrength.accepts(key)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "Key " + key + " from " + source.describe()
                            + " is not used: under the minimum of " + keyStrength.minRsaBits() + " RSA bits");
                    continue;
                }
                candidate = true;
                try {
                    if (engines.verify(algorithm, key.key(), signingInput, signingInputLength, signature)) {
                        return VERIFIED;
                    }
                } catch (GeneralSecurityException | ClassCastException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Key " + key + " could not verify " + algorithm + ": "
                            + e.getClass().getSimpleName());
                }
            }
        }
        return candidate ? BAD_SIGNATURE : NO_CANDIDATE;
    }
}

package io.jwtguard.core.dpop;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resource server's DPoP settings (RFC 9449), immutable. Property names are in the
 * configuration loader; {@link #DEFAULT} is DPoP off.
 *
 * @param mode which schemes are accepted, not null
 * @param algorithms the proof algorithms accepted, asymmetric only, not empty; advertised in the
 *     {@code DPoP} challenge's {@code algs}
 * @param proofMaxAge how old a proof's {@code iat} may be, positive, at most 10 minutes
 * @param clockSkew tolerance for {@code iat} in both directions, not negative
 * @param maxProofSize the largest proof accepted, in characters, checked before decoding
 * @param externalBaseUrl when present, {@code scheme://host[:port][/prefix]} as clients see this
 *     server (behind a proxy); it replaces the request's own scheme, host and port
 * @param replayCacheSize the most proofs remembered at once; when full and none has expired,
 *     new proofs are answered 503 rather than forgetting one
 * @param issuerModes the mode of tokens from particular issuers (exact {@code iss} to mode,
 *     {@code jwtguard.issuers.<name>.dpop.mode}); other issuers' tokens follow {@link #mode()}
 * @param nonces server nonces (RFC 9449 sections 8 and 9, {@code jwtguard.dpop.nonce}), at resources
 *     and at the token endpoints alike; {@link DPoPNonces#OFF} by default
 */
public record DPoPSettings(DPoPMode mode, Set<JwsAlgorithm> algorithms, Duration proofMaxAge, Duration clockSkew,
        int maxProofSize, Optional<URI> externalBaseUrl, int replayCacheSize, Map<String, DPoPMode> issuerModes,
        DPoPNonces nonces) {

    /** The default proof algorithms: every asymmetric algorithm JWT Guard verifies. */
    public static final Set<JwsAlgorithm> DEFAULT_ALGORITHMS = Set.copyOf(EnumSet.of(JwsAlgorithm.ES256,
            JwsAlgorithm.ES384, JwsAlgorithm.ES512, JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512,
            JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512, JwsAlgorithm.EdDSA));
    /** Default {@link #proofMaxAge()}: 60 seconds. */
    public static final Duration DEFAULT_PROOF_MAX_AGE = Duration.ofSeconds(60);
    /** The largest {@link #proofMaxAge()} accepted: a proof is meant for one request, now. */
    public static final Duration MAX_PROOF_MAX_AGE = Duration.ofMinutes(10);
    /** Default {@link #maxProofSize()}: room for an RSA-4096 key and signature. */
    public static final int DEFAULT_MAX_PROOF_SIZE = 8192;
    /** Default {@link #replayCacheSize()}. */
    public static final int DEFAULT_REPLAY_CACHE_SIZE = 100_000;
    /** DPoP off, every other setting at its default. */
    public static final DPoPSettings DEFAULT = new DPoPSettings(DPoPMode.OFF, DEFAULT_ALGORITHMS,
            DEFAULT_PROOF_MAX_AGE, Duration.ofSeconds(30), DEFAULT_MAX_PROOF_SIZE, Optional.empty(),
            DEFAULT_REPLAY_CACHE_SIZE);

    /** Settings without per-issuer modes. */
    public DPoPSettings(DPoPMode mode, Set<JwsAlgorithm> algorithms, Duration proofMaxAge, Duration clockSkew,
            int maxProofSize, Optional<URI> externalBaseUrl, int replayCacheSize) {
        this(mode, algorithms, proofMaxAge, clockSkew, maxProofSize, externalBaseUrl, replayCacheSize, Map.of());
    }

    /** Settings without server nonces. */
    public DPoPSettings(DPoPMode mode, Set<JwsAlgorithm> algorithms, Duration proofMaxAge, Duration clockSkew,
            int maxProofSize, Optional<URI> externalBaseUrl, int replayCacheSize, Map<String, DPoPMode> issuerModes) {
        this(mode, algorithms, proofMaxAge, clockSkew, maxProofSize, externalBaseUrl, replayCacheSize, issuerModes,
                DPoPNonces.OFF);
    }

    /**
     * @throws IllegalArgumentException naming the component and the fix when a value is unusable
     */
    public DPoPSettings {
        issuerModes = Map.copyOf(Objects.requireNonNull(issuerModes, "issuerModes"));
        Objects.requireNonNull(nonces, "nonces");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(proofMaxAge, "proofMaxAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(externalBaseUrl, "externalBaseUrl");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms: no proof algorithm is allowed; name at least one, "
                    + "for example ES256");
        }
        for (JwsAlgorithm algorithm : algorithms) {
            if (algorithm.keyFamily() == KeyFamily.SECRET) {
                throw new IllegalArgumentException("algorithms: " + algorithm.joseName() + " is symmetric; a DPoP "
                        + "proof must use an asymmetric algorithm (RFC 9449 section 4.2), for example ES256");
            }
        }
        algorithms = Set.copyOf(algorithms);
        if (proofMaxAge.isNegative() || proofMaxAge.isZero() || proofMaxAge.compareTo(MAX_PROOF_MAX_AGE) > 0) {
            throw new IllegalArgumentException("proofMaxAge: must be above zero and at most " + MAX_PROOF_MAX_AGE
                    .toSeconds() + " seconds; the default is " + DEFAULT_PROOF_MAX_AGE.toSeconds());
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew: must not be negative");
        }
        if (maxProofSize < 256) {
            throw new IllegalArgumentException("maxProofSize: at least 256 characters; the default is "
                    + DEFAULT_MAX_PROOF_SIZE);
        }
        if (replayCacheSize < 1) {
            throw new IllegalArgumentException("replayCacheSize: at least 1; the default is "
                    + DEFAULT_REPLAY_CACHE_SIZE);
        }
        externalBaseUrl.ifPresent(HttpUris::checkBaseUrl);
    }

    /** The proof algorithms in the order a challenge advertises them. */
    private static final java.util.List<JwsAlgorithm> PREFERRED = java.util.List.of(JwsAlgorithm.ES256,
            JwsAlgorithm.ES384, JwsAlgorithm.ES512, JwsAlgorithm.EdDSA, JwsAlgorithm.PS256, JwsAlgorithm.PS384,
            JwsAlgorithm.PS512, JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512);

    /**
     * @return the accepted proof algorithms' JOSE names, space-separated, preferred first: the
     *     {@code algs} of a {@code DPoP} challenge (RFC 9449 section 7.1)
     */
    public String algorithmNames() {
        StringBuilder names = new StringBuilder();
        for (JwsAlgorithm algorithm : PREFERRED) {
            if (algorithms.contains(algorithm)) {
                names.append(names.length() == 0 ? "" : " ").append(algorithm.joseName());
            }
        }
        return names.toString();
    }

    /** @return a copy with another mode */
    public DPoPSettings withMode(DPoPMode newMode) {
        return new DPoPSettings(newMode, algorithms, proofMaxAge, clockSkew, maxProofSize, externalBaseUrl,
                replayCacheSize, issuerModes, nonces);
    }

    /** @return a copy with other server nonces */
    public DPoPSettings withNonces(DPoPNonces newNonces) {
        return new DPoPSettings(mode, algorithms, proofMaxAge, clockSkew, maxProofSize, externalBaseUrl,
                replayCacheSize, issuerModes, newNonces);
    }

    /**
     * @param issuer a verified token's exact {@code iss}, may be null
     * @return the mode for tokens of that issuer: its own when configured, else {@link #mode()}
     */
    public DPoPMode modeFor(String issuer) {
        return issuer == null ? mode : issuerModes.getOrDefault(issuer, mode);
    }

    /** @return whether DPoP is accepted for some issuer (the global mode or an issuer's is not off) */
    public boolean enabledAnywhere() {
        return mode != DPoPMode.OFF || issuerModes.values().stream().anyMatch(m -> m != DPoPMode.OFF);
    }

    /** @return how long a proof's {@code jti} must be remembered: the proof age plus the skew both ways */
    public Duration replayWindow() {
        return proofMaxAge.plus(clockSkew).plus(clockSkew);
    }
}

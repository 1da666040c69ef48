package io.jwtguard.core.verify;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the verifier needs, validated once and then immutable. Build it with
 * {@link #builder()} (a {@link VerifierConfigBuilder}) or load it with
 * {@code io.jwtguard.core.config.ConfigLoader}. The builder runs the posture check on the built
 * value and refuses weak settings of the {@link Profile#HARDENED hardened} profile unless their
 * finding code was acknowledged.
 *
 * <p>Immutable and thread-safe (the key sources and revocation check it holds are thread-safe
 * by contract).
 */
public final class VerifierConfig {
    /** Default maximum {@code exp - iat}: one hour (RFC 6750 section 5.3). */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(1);
    /** Default clock skew. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Default upper bound on the clock skew. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Default maximum token length in characters. */
    public static final int DEFAULT_MAX_TOKEN_SIZE = 8192;
    /** The longest duration any time setting accepts (100 years), so that time arithmetic cannot overflow. */
    public static final Duration MAX_DURATION = Duration.ofDays(36_525);
    /** Default maximum number of cached verified tokens. */
    public static final long DEFAULT_CACHE_MAX_SIZE = 10_000;
    /** Default accepted {@code typ} values, normalised (see {@link TokenTypes#normalize(String)}). */
    public static final Set<String> DEFAULT_TOKEN_TYPES = Set.of("jwt", "at+jwt");
    /** Default principal claims, in order of preference (MicroProfile JWT 2.1 section 4.1.2). */
    public static final List<String> DEFAULT_PRINCIPAL_CLAIMS = List.of("upn", "preferred_username", "sub");

    private final Profile profile;
    private final List<KeySource> keySources;
    /** The key source of this application's own token service, when it issues tokens; one of {@link #keySources}. */
    private final KeySource issuingKeySource;
    private final Set<JwsAlgorithm> allowedAlgorithms;
    private final String issuer;
    private final Set<String> audiences;
    private final Duration clockSkew;
    private final Duration maxClockSkew;
    private final Duration maxLifetime;
    private final Duration maxTokenAge;
    private final Set<String> requiredClaims;
    private final Set<String> acceptedTypes;
    private final boolean typeRequired;
    private final boolean tokenKindCheck;
    private final List<List<String>> groupsClaimPaths;
    private final List<String> groupsExclude;
    private final List<String> principalClaims;
    private final List<ClaimRule> claimRules;
    private final int maxTokenSize;
    private final DecryptionKeySource decryptionKeys;
    private final Set<KeyManagementAlgorithm> keyManagementAlgorithms;
    private final Set<FindingCode> acknowledged;
    private final Clock clock;
    private final RevocationCheck revocationCheck;
    private final List<TrustedIssuer> trustedIssuers;
    private final long cacheMaxSize;
    private final KeyStrengthPolicy keyStrength;
    private final SignatureEngines signatureEngines;
    private final PostureReport posture;

    VerifierConfig(VerifierConfigBuilder b, Set<JwsAlgorithm> allowedAlgorithms) {
        this.profile = b.profile;
        this.keySources = List.copyOf(b.keySources);
        this.issuingKeySource = b.issuingKeySource;
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.issuer = b.issuer;
        this.audiences = Set.copyOf(b.audiences);
        this.clockSkew = b.clockSkew;
        this.maxClockSkew = b.maxClockSkew;
        this.maxLifetime = b.maxLifetime;
        this.maxTokenAge = b.maxTokenAge;
        this.requiredClaims = Set.copyOf(b.requiredClaims);
        this.acceptedTypes = Set.copyOf(b.acceptedTypes);
        this.typeRequired = b.typeRequired;
        this.tokenKindCheck = b.tokenKindCheck;
        List<List<String>> paths = new java.util.ArrayList<>();
        b.groupsClaimPaths.forEach(path -> paths.add(ClaimPaths.parse(path)));
        this.groupsClaimPaths = List.copyOf(paths);
        this.groupsExclude = List.copyOf(b.groupsExclude);
        this.principalClaims = List.copyOf(b.principalClaims);
        this.claimRules = List.copyOf(b.claimRules);
        this.maxTokenSize = b.maxTokenSize;
        this.decryptionKeys = b.decryptionKeys;
        this.keyManagementAlgorithms = Set.copyOf(b.keyManagementAlgorithms);
        this.acknowledged = Set.copyOf(b.acknowledged);
        this.clock = b.clock;
        this.revocationCheck = b.revocationCheck;
        this.trustedIssuers = List.copyOf(b.trustedIssuers);
        this.cacheMaxSize = b.cacheEnabled ? b.cacheMaxSize : 0;
        this.keyStrength = strengthPolicyFor(profile, acknowledged);
        this.signatureEngines = b.signatureEngines;
        this.posture = new PostureReport(profile, List.of());
    }

    /** A copy of {@code unchecked} with its posture report, once the builder has checked it. */
    private VerifierConfig(VerifierConfig unchecked, PostureReport posture) {
        this.profile = unchecked.profile;
        this.keySources = unchecked.keySources;
        this.issuingKeySource = unchecked.issuingKeySource;
        this.allowedAlgorithms = unchecked.allowedAlgorithms;
        this.issuer = unchecked.issuer;
        this.audiences = unchecked.audiences;
        this.clockSkew = unchecked.clockSkew;
        this.maxClockSkew = unchecked.maxClockSkew;
        this.maxLifetime = unchecked.maxLifetime;
        this.maxTokenAge = unchecked.maxTokenAge;
        this.requiredClaims = unchecked.requiredClaims;
        this.acceptedTypes = unchecked.acceptedTypes;
        this.typeRequired = unchecked.typeRequired;
        this.tokenKindCheck = unchecked.tokenKindCheck;
        this.groupsClaimPaths = unchecked.groupsClaimPaths;
        this.groupsExclude = unchecked.groupsExclude;
        this.principalClaims = unchecked.principalClaims;
        this.claimRules = unchecked.claimRules;
        this.maxTokenSize = unchecked.maxTokenSize;
        this.decryptionKeys = unchecked.decryptionKeys;
        this.keyManagementAlgorithms = unchecked.keyManagementAlgorithms;
        this.acknowledged = unchecked.acknowledged;
        this.clock = unchecked.clock;
        this.revocationCheck = unchecked.revocationCheck;
        this.trustedIssuers = unchecked.trustedIssuers;
        this.cacheMaxSize = unchecked.cacheMaxSize;
        this.keyStrength = unchecked.keyStrength;
        this.signatureEngines = unchecked.signatureEngines;
        this.posture = posture;
    }

    /** @return this configuration with its posture report */
    VerifierConfig withPosture(PostureReport report) {
        return new VerifierConfig(this, report);
    }

    /** @return a builder with the hardened defaults */
    public static VerifierConfigBuilder builder() {
        return new VerifierConfigBuilder();
    }

    /**
     * The key strength that a profile and acknowledgements allow: 2048-bit RSA in hardened,
     * 1024 in mp-compat or when {@link FindingCode#WEAK_RSA_KEY} is acknowledged.
     */
    public static KeyStrengthPolicy strengthPolicyFor(Profile profile, Set<FindingCode> acknowledged) {
        boolean weakAllowed = profile == Profile.MP_COMPAT || acknowledged.contains(FindingCode.WEAK_RSA_KEY);
        return new KeyStrengthPolicy(weakAllowed ? KeyStrengthPolicy.ABSOLUTE_MIN_RSA_BITS
                : KeyStrengthPolicy.HARDENED_MIN_RSA_BITS);
    }

    /** @return the active profile */
    public Profile profile() {
        return profile;
    }

    /** @return the trusted key sources, in order; empty only for decrypt-only configurations */
    public List<KeySource> keySources() {
        return keySources;
    }

    /** @return the key source of this application's own token service (one of {@link #keySources()}), if it issues tokens */
    public Optional<KeySource> issuingKeySource() {
        return Optional.ofNullable(issuingKeySource);
    }

    /** @return the JWS algorithms a token may use, never empty */
    public Set<JwsAlgorithm> allowedAlgorithms() {
        return allowedAlgorithms;
    }

    /** @return the exact expected issuer, or empty when issuers are not checked */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** @return accepted audiences; empty when audiences are not checked */
    public Set<String> audiences() {
        return audiences;
    }

    /** @return the allowed clock skew, never negative */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** @return the maximum {@code exp - iat}, or empty when unbounded */
    public Optional<Duration> maxLifetime() {
        return Optional.ofNullable(maxLifetime);
    }

    /** @return the maximum {@code now - iat}, or empty when not limited */
    public Optional<Duration> maxTokenAge() {
        return Optional.ofNullable(maxTokenAge);
    }

    /** @return claims every token must carry */
    public Set<String> requiredClaims() {
        return requiredClaims;
    }

    /** @return accepted {@code typ} values, normalised */
    public Set<String> acceptedTypes() {
        return acceptedTypes;
    }

    /** @return whether {@code typ} must be present */
    public boolean typeRequired() {
        return typeRequired;
    }

    /**
     * @return whether tokens of another kind are refused by their claims: ID-token-only claims
     *     ({@code nonce}, {@code at_hash}, {@code c_hash}), a payload {@code typ} that is no
     *     access-token kind, a {@code token_use} other than {@code access}; true by default
     */
    public boolean tokenKindCheck() {
        return tokenKindCheck;
    }

    /**
     * @return the first path of the groups claim, one element per nesting level (the only one
     *     unless several were configured; see {@link #groupsClaimPaths()})
     */
    public List<String> groupsClaimPath() {
        return groupsClaimPaths.get(0);
    }

    /** @return the paths of the groups claim in order, each one element per nesting level; at least one */
    public List<List<String>> groupsClaimPaths() {
        return groupsClaimPaths;
    }

    /** @return the excluded group names; an entry ending with {@code *} is a prefix pattern; empty by default */
    public List<String> groupsExclude() {
        return groupsExclude;
    }

    /**
     * @return the claims that name the principal, in order of preference: the first that is a
     *     string wins; {@link #DEFAULT_PRINCIPAL_CLAIMS} by default
     */
    public List<String> principalClaims() {
        return principalClaims;
    }

    /**
     * @return the application's claim rules for every issuer, in order; they run after the
     *     built-in rules, on every verification and every cache hit (see {@link ClaimRule})
     */
    public List<ClaimRule> claimRules() {
        return claimRules;
    }

    /** @return the maximum token length in characters */
    public int maxTokenSize() {
        return maxTokenSize;
    }

    /** @return the JWE decryption keys, or empty when encrypted tokens are not accepted */
    public Optional<DecryptionKeySource> decryptionKeys() {
        return Optional.ofNullable(decryptionKeys);
    }

    /** @return accepted JWE key management algorithms */
    public Set<KeyManagementAlgorithm> keyManagementAlgorithms() {
        return keyManagementAlgorithms;
    }

    /**
     * @return whether a JWE's plaintext may be a bare claims set: only when no verification key
     *     is configured, which the posture check allows only in mp-compat
     */
    public boolean decryptOnlyAccepted() {
        return decryptionKeys != null && keySources.isEmpty();
    }

    /** @return the time source */
    public Clock clock() {
        return clock;
    }

    /** @return the revocation check, {@link RevocationCheck#NONE} by default */
    public RevocationCheck revocationCheck() {
        return revocationCheck;
    }

    /**
     * @return further issuers trusted besides the one configured by the MicroProfile JWT
     *     properties; empty for the usual single-issuer configuration
     */
    public List<TrustedIssuer> trustedIssuers() {
        return trustedIssuers;
    }

    /**
     * @return the maximum number of verified tokens the verifier caches; 0 when the cache is off
     */
    public long cacheMaxSize() {
        return cacheMaxSize;
    }

    /**
     * @return the key strength every verification key of every issuer must meet when it is used,
     *     whatever its source (see {@link #strengthPolicyFor(Profile, Set)})
     */
    public KeyStrengthPolicy keyStrength() {
        return keyStrength;
    }

    /** @return the JCA providers that compute signatures, with our checks in front; never null */
    public SignatureEngines signatureEngines() {
        return signatureEngines;
    }

    /** @return the posture report of this configuration; it has no errors (build refuses those) */
    public PostureReport posture() {
        return posture;
    }

    /** @return the acknowledged finding codes */
    Set<FindingCode> acknowledged() {
        return acknowledged;
    }

    /** @return the upper bound on the clock skew */
    Duration maxClockSkew() {
        return maxClockSkew;
    }
}

package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.revocation.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the verifier needs, validated once and then immutable. Build it with
 * {@link #builder()} or load it with {@link ConfigLoader}. {@link Builder#build()} runs the
 * posture check and refuses weak settings of the {@link Profile#HARDENED hardened} profile
 * unless their finding code was acknowledged.
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
    /** Default accepted {@code typ} values, normalised (see {@link #normalizeType(String)}). */
    public static final Set<String> DEFAULT_TOKEN_TYPES = Set.of("jwt", "at+jwt");

    private final Profile profile;
    private final List<KeySource> keySources;
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
    private final List<String> groupsClaimPath;
    private final int maxTokenSize;
    private final DecryptionKeySource decryptionKeys;
    private final Set<KeyManagementAlgorithm> keyManagementAlgorithms;
    private final Set<FindingCode> acknowledged;
    private final Clock clock;
    private final RevocationCheck revocationCheck;
    private final List<TrustedIssuer> trustedIssuers;
    private final long cacheMaxSize;
    private final KeyStrengthPolicy keyStrength;
    private final PostureReport posture;

    private VerifierConfig(Builder b, Set<JwsAlgorithm> allowedAlgorithms) {
        this.profile = b.profile;
        this.keySources = List.copyOf(b.keySources);
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
        this.groupsClaimPath = List.of(b.groupsClaimPath.split("\\.", -1));
        this.maxTokenSize = b.maxTokenSize;
        this.decryptionKeys = b.decryptionKeys;
        this.keyManagementAlgorithms = Set.copyOf(b.keyManagementAlgorithms);
        this.acknowledged = Set.copyOf(b.acknowledged);
        this.clock = b.clock;
        this.revocationCheck = b.revocationCheck;
        this.trustedIssuers = List.copyOf(b.trustedIssuers);
        this.cacheMaxSize = b.cacheEnabled ? b.cacheMaxSize : 0;
        this.keyStrength = strengthPolicyFor(profile, acknowledged);
        this.posture = new PostureReport(profile, new PostureCheck(this).findings());
    }

    /** @return a builder with the hardened defaults */
    public static Builder builder() {
        return new Builder();
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

    /**
     * Normalises a {@code typ} value as RFC 7515 section 4.1.9 compares them: case-insensitive,
     * with the {@code application/} prefix optional.
     */
    public static String normalizeType(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") && lower.indexOf('/', "application/".length()) < 0
                ? lower.substring("application/".length()) : lower;
    }

    /** @return the active profile */
    public Profile profile() {
        return profile;
    }

    /** @return the trusted key sources, in order; empty only for decrypt-only configurations */
    public List<KeySource> keySources() {
        return keySources;
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

    /** @return the path of the groups claim, one element per nesting level */
    public List<String> groupsClaimPath() {
        return groupsClaimPath;
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

    /**
     * Collects settings; {@link #build()} validates them. Not thread-safe; one builder builds one
     * configuration.
     */
    public static final class Builder {
        private Profile profile = Profile.HARDENED;
        private final List<KeySource> keySources = new ArrayList<>();
        private Set<JwsAlgorithm> allowedAlgorithms;
        private String issuer;
        private Set<String> audiences = Set.of();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration maxTokenAge;
        private Set<String> requiredClaims = Set.of();
        private Set<String> acceptedTypes = DEFAULT_TOKEN_TYPES;
        private boolean typeRequired;
        private boolean tokenKindCheck = true;
        private String groupsClaimPath = "groups";
        private int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
        private DecryptionKeySource decryptionKeys;
        private Set<KeyManagementAlgorithm> keyManagementAlgorithms = EnumSet.of(KeyManagementAlgorithm.RSA_OAEP,
                KeyManagementAlgorithm.RSA_OAEP_256);
        private Set<FindingCode> acknowledged = Set.of();
        private Clock clock = Clock.systemUTC();
        private RevocationCheck revocationCheck = RevocationCheck.NONE;
        private final List<TrustedIssuer> trustedIssuers = new ArrayList<>();
        private boolean cacheEnabled = true;
        private long cacheMaxSize = DEFAULT_CACHE_MAX_SIZE;

        private Builder() {
        }

        /** Selects the profile; {@link Profile#HARDENED} by default. */
        public Builder profile(Profile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        /** Adds a source of trusted verification keys. */
        public Builder keySource(KeySource value) {
            keySources.add(Objects.requireNonNull(value, "keySource"));
            return this;
        }

        /** Adds fixed trusted verification keys. */
        public Builder verificationKeys(VerificationKey... keys) {
            return keySource(StaticKeySource.of(keys));
        }

        /**
         * Sets the allowed algorithms. Default: RS256 (MicroProfile JWT's default) when any
         * asymmetric key source is configured, plus HS256 when a secret is.
         */
        public Builder allowedAlgorithms(Set<JwsAlgorithm> value) {
            this.allowedAlgorithms = value.isEmpty() ? EnumSet.noneOf(JwsAlgorithm.class) : EnumSet.copyOf(value);
            return this;
        }

        /** Sets the exact expected issuer. */
        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        /** Sets the accepted audiences; a token must name at least one of them. */
        public Builder audiences(Set<String> value) {
            this.audiences = Set.copyOf(value);
            return this;
        }

        /** Sets the clock skew; 30 seconds by default. */
        public Builder clockSkew(Duration value) {
            this.clockSkew = Objects.requireNonNull(value, "clockSkew");
            return this;
        }

        /** Sets the upper bound on the clock skew; 5 minutes by default. */
        public Builder maxClockSkew(Duration value) {
            this.maxClockSkew = Objects.requireNonNull(value, "maxClockSkew");
            return this;
        }

        /** Sets the maximum {@code exp - iat}; one hour by default; null means unbounded. */
        public Builder maxLifetime(Duration value) {
            this.maxLifetime = value;
            return this;
        }

        /** Sets the maximum {@code now - iat}; null (default) means not limited. */
        public Builder maxTokenAge(Duration value) {
            this.maxTokenAge = value;
            return this;
        }

        /** Sets claims every token must carry. */
        public Builder requiredClaims(Set<String> value) {
            this.requiredClaims = Set.copyOf(value);
            return this;
        }

        /** Sets the accepted {@code typ} values (compared as {@link #normalizeType(String)} does). */
        public Builder acceptedTypes(Set<String> value) {
            Set<String> normalized = new LinkedHashSet<>();
            for (String t : value) {
                normalized.add(normalizeType(t));
            }
            this.acceptedTypes = normalized;
            return this;
        }

        /** Sets whether {@code typ} must be present; false by default. */
        public Builder typeRequired(boolean value) {
            this.typeRequired = value;
            return this;
        }

        /**
         * Sets whether tokens of another kind (OpenID Connect ID tokens, Keycloak refresh and
         * logout tokens, ...) are refused by their claims; true by default. Turn it off only for
         * access tokens that carry {@code nonce}, {@code at_hash}, {@code c_hash}, a payload
         * {@code typ} or a {@code token_use} for other reasons.
         */
        public Builder tokenKindCheck(boolean value) {
            this.tokenKindCheck = value;
            return this;
        }

        /** Sets the dot-separated path of the groups claim; {@code groups} by default. */
        public Builder groupsClaimPath(String value) {
            this.groupsClaimPath = Objects.requireNonNull(value, "groupsClaimPath");
            return this;
        }

        /** Sets the maximum token length in characters; 8192 by default. */
        public Builder maxTokenSize(int value) {
            this.maxTokenSize = value;
            return this;
        }

        /** Accepts JWE tokens decrypted with these keys; only JWE tokens are then accepted. */
        public Builder decryptionKeys(DecryptionKeySource value) {
            this.decryptionKeys = value;
            return this;
        }

        /** Sets the accepted JWE key management algorithms; both RSA-OAEP variants by default. */
        public Builder keyManagementAlgorithms(Set<KeyManagementAlgorithm> value) {
            this.keyManagementAlgorithms = value.isEmpty() ? EnumSet.noneOf(KeyManagementAlgorithm.class)
                    : EnumSet.copyOf(value);
            return this;
        }

        /** Accepts these posture findings deliberately. */
        public Builder acknowledge(Set<FindingCode> value) {
            this.acknowledged = Set.copyOf(value);
            return this;
        }

        /** Sets the time source; the system UTC clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Sets the revocation check; none by default. */
        public Builder revocationCheck(RevocationCheck value) {
            this.revocationCheck = Objects.requireNonNull(value, "revocationCheck");
            return this;
        }

        /**
         * Configures the verified-token cache: on by default with {@value #DEFAULT_CACHE_MAX_SIZE}
         * entries. Hits re-check expiry, maximum age, the key set and revocation.
         *
         * @param enabled false turns the cache off
         * @param maxSize maximum number of entries, at least 1 when enabled
         */
        public Builder verifiedTokenCache(boolean enabled, long maxSize) {
            this.cacheEnabled = enabled;
            this.cacheMaxSize = maxSize;
            return this;
        }

        /**
         * Trusts one more issuer, chosen for a token by exact {@code iss} match. With at least
         * one, the verifier reads {@code iss} before checking the signature (to pick the
         * issuer's keys); the issuer configured by {@link #issuer(String)} and
         * {@link #keySource(KeySource)}, if any, remains one of the trusted issuers.
         */
        public Builder trustedIssuer(TrustedIssuer value) {
            trustedIssuers.add(Objects.requireNonNull(value, "trustedIssuer"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigurationException naming the property, if a setting is invalid or a
         *     posture finding is an unacknowledged error
         */
        public VerifierConfig build() {
            validateTrustedIssuers();
            checkAbsoluteKeyFloor();
            if (keySources.isEmpty() && decryptionKeys == null && trustedIssuers.isEmpty()) {
                throw new ConfigurationException(MP_PUBLIC_KEY_LOCATION, "no verification key is configured; set "
                        + MP_PUBLIC_KEY_LOCATION + " (or " + MP_PUBLIC_KEY + ", " + HMAC_SECRET + ", "
                        + KEYSTORE_LOCATION + ")");
            }
            if (issuer != null && issuer.isBlank()) {
                throw new ConfigurationException(MP_ISSUER, "the issuer is blank; set the exact 'iss' value or remove it");
            }
            for (String audience : audiences) {
                if (audience.isBlank()) {
                    throw new ConfigurationException(MP_AUDIENCES, "an audience is blank; list non-empty values");
                }
            }
            if (clockSkew.isNegative()) {
                throw new ConfigurationException(MP_CLOCK_SKEW, "the clock skew is negative; use 0 or more seconds");
            }
            if (maxClockSkew.isNegative()) {
                throw new ConfigurationException(MAX_CLOCK_SKEW, "the bound is negative; use 0 or more seconds");
            }
            if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
                throw new ConfigurationException(MAX_LIFETIME, "the maximum lifetime must be positive, for example PT1H");
            }
            if (maxTokenAge != null && (maxTokenAge.isNegative() || maxTokenAge.isZero()
                    || maxTokenAge.compareTo(MAX_DURATION) > 0)) {
                throw new ConfigurationException(MP_TOKEN_AGE, "the maximum token age must be a positive number of "
                        + "seconds, at most " + MAX_DURATION.toSeconds());
            }
            if (clockSkew.compareTo(MAX_DURATION) > 0 || maxClockSkew.compareTo(MAX_DURATION) > 0
                    || (maxLifetime != null && maxLifetime.compareTo(MAX_DURATION) > 0)) {
                throw new ConfigurationException(clockSkew.compareTo(MAX_DURATION) > 0 ? MP_CLOCK_SKEW
                        : maxClockSkew.compareTo(MAX_DURATION) > 0 ? MAX_CLOCK_SKEW : MAX_LIFETIME,
                        "durations are limited to " + MAX_DURATION.toSeconds() + " seconds (100 years)");
            }
            if (maxTokenSize < 64 || maxTokenSize > 1 << 20) {
                throw new ConfigurationException(MAX_TOKEN_SIZE, "must be between 64 and 1048576 characters, was "
                        + maxTokenSize);
            }
            if (acceptedTypes.isEmpty() && typeRequired) {
                throw new ConfigurationException(TOKEN_TYPES, "no type is accepted while a type is required; list at "
                        + "least one, for example at+jwt");
            }
            if (groupsClaimPath.isBlank() || List.of(groupsClaimPath.split("\\.", -1)).contains("")) {
                throw new ConfigurationException(GROUPS_CLAIM, "'" + groupsClaimPath + "' is not a dot-separated "
                        + "claim path; use for example groups or realm_access.roles");
            }
            if (cacheEnabled && cacheMaxSize < 1) {
                throw new ConfigurationException(CACHE_MAX_SIZE, "must be at least 1; to turn the cache off set "
                        + CACHE_ENABLED + "=false");
            }
            if (keyManagementAlgorithms.isEmpty()) {
                throw new ConfigurationException(MP_DECRYPT_KEY_ALGORITHM, "no algorithm; use RSA-OAEP or RSA-OAEP-256");
            }
            for (FindingCode code : acknowledged) {
                if (!code.acknowledgeable()) {
                    throw new ConfigurationException(ACKNOWLEDGE, code + " cannot be acknowledged"
                            + (code == FindingCode.DECRYPT_ONLY ? "; only jwtguard.profile=mp-compat accepts it" : ""));
                }
            }
            Set<JwsAlgorithm> algorithms = allowedAlgorithms != null ? allowedAlgorithms : defaultAlgorithms();
            if (algorithms.isEmpty() && !keySources.isEmpty()) {
                throw new ConfigurationException(ALGORITHMS, "no algorithm is allowed; list at least one, for "
                        + "example RS256");
            }
            checkSomeKeyFitsAnAlgorithm(algorithms);
            VerifierConfig config = new VerifierConfig(this, algorithms);
            List<PostureFinding> errors = config.posture().withSeverity(Severity.ERROR);
            if (!errors.isEmpty()) {
                PostureFinding first = errors.get(0);
                StringBuilder message = new StringBuilder(first.message());
                for (PostureFinding more : errors.subList(1, errors.size())) {
                    message.append("; also ").append(more);
                }
                throw new ConfigurationException(first.property(), message.toString());
            }
            return config;
        }

        private void validateTrustedIssuers() {
            Set<String> seen = new java.util.HashSet<>();
            if (issuer != null && !keySources.isEmpty()) {
                seen.add(issuer);
            }
            for (TrustedIssuer t : trustedIssuers) {
                String prefix = "jwtguard.issuers." + t.name() + ".";
                if (t.issuer().isBlank()) {
                    throw new ConfigurationException(prefix + "issuer", "the issuer is blank; set the exact 'iss' value");
                }
                if (!seen.add(t.issuer())) {
                    throw new ConfigurationException(prefix + "issuer", "issuer '" + t.issuer()
                            + "' is configured twice; each issuer appears once");
                }
                if (t.keySources().isEmpty()) {
                    throw new ConfigurationException(prefix + "publickey.location", "issuer '" + t.name()
                            + "' has no keys; set " + prefix + "publickey.location or " + prefix + "publickey");
                }
                if (t.allowedAlgorithms().isEmpty()) {
                    throw new ConfigurationException(prefix + "algorithms", "no algorithm; list at least one, e.g. RS256");
                }
                if (t.clockSkew().isNegative()) {
                    throw new ConfigurationException(prefix + "clock.skew", "the clock skew is negative");
                }
                if (t.clockSkew().compareTo(maxClockSkew) > 0 && !acknowledged.contains(FindingCode.SKEW_OVER_BOUND)) {
                    throw new ConfigurationException(prefix + "clock.skew", "clock skew of " + t.clockSkew().toSeconds()
                            + " s exceeds the bound of " + maxClockSkew.toSeconds() + " s; lower it, or accept the risk "
                            + "with " + ACKNOWLEDGE + "=" + FindingCode.SKEW_OVER_BOUND);
                }
            }
            if (!trustedIssuers.isEmpty() && !keySources.isEmpty() && issuer == null) {
                throw new ConfigurationException(MP_ISSUER, "with several trusted issuers (jwtguard.issuers), the keys "
                        + "of mp.jwt.verify.publickey* need their issuer: set " + MP_ISSUER);
            }
        }

        /**
         * RSA keys under {@link KeyStrengthPolicy#ABSOLUTE_MIN_RSA_BITS} are refused for every
         * issuer in every profile, acknowledged or not; the keys of other key sources are held to
         * the same floor when they are used.
         */
        private void checkAbsoluteKeyFloor() {
            List<KeySource> all = new ArrayList<>(keySources);
            trustedIssuers.forEach(t -> all.addAll(t.keySources()));
            for (KeySource source : all) {
                if (!(source instanceof StaticKeySource)) {
                    continue;
                }
                for (VerificationKey key : source.keys()) {
                    if (!KeyStrengthPolicy.meetsAbsoluteFloor(key)) {
                        throw new ConfigurationException(((StaticKeySource) source).property(), "RSA key of "
                                + key.strengthBits() + " bits in " + source.describe() + " is under "
                                + KeyStrengthPolicy.ABSOLUTE_MIN_RSA_BITS + " bits, which no profile or "
                                + "acknowledgement accepts; use at least " + KeyStrengthPolicy.HARDENED_MIN_RSA_BITS
                                + " bits");
                    }
                }
            }
        }

        /** With only fixed keys, a configuration whose keys fit none of the allowed algorithms would refuse everything. */
        private void checkSomeKeyFitsAnAlgorithm(Set<JwsAlgorithm> algorithms) {
            if (keySources.isEmpty() || !keySources.stream().allMatch(k -> k instanceof StaticKeySource)) {
                return;
            }
            boolean fits = keySources.stream().flatMap(k -> k.keys().stream())
                    .anyMatch(key -> key.algorithms().stream().anyMatch(algorithms::contains));
            if (!fits) {
                throw new ConfigurationException(ALGORITHMS, "no configured key can verify any allowed algorithm "
                        + algorithms + "; allow the algorithm of your keys (for example RS256 for RSA keys, ES256 "
                        + "for P-256 keys, HS256 for a secret)");
            }
        }

        private Set<JwsAlgorithm> defaultAlgorithms() {
            EnumSet<JwsAlgorithm> result = EnumSet.noneOf(JwsAlgorithm.class);
            for (KeySource source : keySources) {
                boolean secret = source instanceof StaticKeySource && !source.keys().isEmpty()
                        && source.keys().stream().allMatch(k -> k.family() == KeyFamily.SECRET);
                result.add(secret ? JwsAlgorithm.HS256 : JwsAlgorithm.RS256);
            }
            return result;
        }
    }
}

package io.jwtguard.core.verify;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Collects the settings of a {@link VerifierConfig}; {@link #build()} validates them, builds the
 * immutable value, runs the posture check on it and refuses weak settings of the
 * {@link Profile#HARDENED hardened} profile unless their finding code was acknowledged.
 *
 * <pre>{@code
 * VerifierConfig config = VerifierConfig.builder()
 *         .keySource(StaticKeySource.of(VerificationKey.ofPublicKey("k1", publicKey)))
 *         .issuer("https://issuer.example")
 *         .audiences(Set.of("orders"))
 *         .build();
 * }</pre>
 *
 * <p>Errors name the builder method ({@code issuer(String): the issuer is blank ...}) unless
 * {@link #settingNames(SettingNames)} says otherwise. Not thread-safe; one builder builds one
 * configuration.
 */
public final class VerifierConfigBuilder {
    Profile profile = Profile.HARDENED;
    final List<KeySource> keySources = new ArrayList<>();
    private Set<JwsAlgorithm> allowedAlgorithms;
    String issuer;
    Set<String> audiences = Set.of();
    Duration clockSkew = VerifierConfig.DEFAULT_CLOCK_SKEW;
    Duration maxClockSkew = VerifierConfig.DEFAULT_MAX_CLOCK_SKEW;
    Duration maxLifetime = VerifierConfig.DEFAULT_MAX_LIFETIME;
    Duration maxTokenAge;
    Set<String> requiredClaims = Set.of();
    Set<String> acceptedTypes = VerifierConfig.DEFAULT_TOKEN_TYPES;
    boolean typeRequired;
    boolean tokenKindCheck = true;
    List<String> groupsClaimPaths = List.of("groups");
    List<String> groupsExclude = List.of();
    List<String> principalClaims = VerifierConfig.DEFAULT_PRINCIPAL_CLAIMS;
    final List<ClaimRule> claimRules = new ArrayList<>();
    int maxTokenSize = VerifierConfig.DEFAULT_MAX_TOKEN_SIZE;
    DecryptionKeySource decryptionKeys;
    Set<KeyManagementAlgorithm> keyManagementAlgorithms = EnumSet.of(KeyManagementAlgorithm.RSA_OAEP,
            KeyManagementAlgorithm.RSA_OAEP_256);
    Set<FindingCode> acknowledged = Set.of();
    KeySource issuingKeySource;
    Clock clock = Clock.systemUTC();
    RevocationCheck revocationCheck = RevocationCheck.NONE;
    final List<TrustedIssuer> trustedIssuers = new ArrayList<>();
    boolean cacheEnabled = true;
    long cacheMaxSize = VerifierConfig.DEFAULT_CACHE_MAX_SIZE;
    io.jwtguard.core.jose.SignatureEngines signatureEngines = io.jwtguard.core.jose.SignatureEngines.jdk();
    private SettingNames names = SettingNames.BUILDER_METHODS;

    VerifierConfigBuilder() {
    }

    /** Selects the profile; {@link Profile#HARDENED} by default. */
    public VerifierConfigBuilder profile(Profile value) {
        this.profile = Objects.requireNonNull(value, "profile");
        return this;
    }

    /** Adds a source of trusted verification keys. */
    public VerifierConfigBuilder keySource(KeySource value) {
        keySources.add(Objects.requireNonNull(value, "keySource"));
        return this;
    }

    /**
     * Adds the key source of this application's own token service (its signing key ring): a trusted
     * key source like {@link #keySource(KeySource)}, which the posture check also knows as the
     * issuer's own (finding {@link FindingCode#TOKEN_SERVICE_SHARES_ISSUER} when other keys trust the
     * same issuer).
     */
    public VerifierConfigBuilder issuingKeySource(KeySource value) {
        keySource(value);
        issuingKeySource = value;
        return this;
    }

    /** Adds fixed trusted verification keys. */
    public VerifierConfigBuilder verificationKeys(VerificationKey... keys) {
        return keySource(StaticKeySource.of(keys));
    }

    /**
     * Sets the allowed algorithms. Default: RS256 (MicroProfile JWT's default) for every key
     * source, except HS256 for a source whose {@link KeySource#fixedKeys() fixed keys} are all
     * secrets.
     */
    public VerifierConfigBuilder allowedAlgorithms(Set<JwsAlgorithm> value) {
        this.allowedAlgorithms = value.isEmpty() ? EnumSet.noneOf(JwsAlgorithm.class) : EnumSet.copyOf(value);
        return this;
    }

    /** Sets the exact expected issuer. */
    public VerifierConfigBuilder issuer(String value) {
        this.issuer = value;
        return this;
    }

    /** Sets the accepted audiences; a token must name at least one of them. */
    public VerifierConfigBuilder audiences(Set<String> value) {
        this.audiences = Set.copyOf(value);
        return this;
    }

    /** Sets the clock skew; 30 seconds by default. */
    public VerifierConfigBuilder clockSkew(Duration value) {
        this.clockSkew = Objects.requireNonNull(value, "clockSkew");
        return this;
    }

    /** Sets the upper bound on the clock skew; 5 minutes by default. */
    public VerifierConfigBuilder maxClockSkew(Duration value) {
        this.maxClockSkew = Objects.requireNonNull(value, "maxClockSkew");
        return this;
    }

    /** Sets the maximum {@code exp - iat}; one hour by default; null means unbounded. */
    public VerifierConfigBuilder maxLifetime(Duration value) {
        this.maxLifetime = value;
        return this;
    }

    /** Sets the maximum {@code now - iat}; null (default) means not limited. */
    public VerifierConfigBuilder maxTokenAge(Duration value) {
        this.maxTokenAge = value;
        return this;
    }

    /** Sets claims every token must carry. */
    public VerifierConfigBuilder requiredClaims(Set<String> value) {
        this.requiredClaims = Set.copyOf(value);
        return this;
    }

    /** Sets the accepted {@code typ} values (compared as {@link TokenTypes#normalize(String)} does). */
    public VerifierConfigBuilder acceptedTypes(Set<String> value) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String t : value) {
            normalized.add(TokenTypes.normalize(t));
        }
        this.acceptedTypes = normalized;
        return this;
    }

    /** Sets whether {@code typ} must be present; false by default. */
    public VerifierConfigBuilder typeRequired(boolean value) {
        this.typeRequired = value;
        return this;
    }

    /**
     * Sets whether tokens of another kind (OpenID Connect ID tokens, Keycloak refresh and logout
     * tokens, ...) are refused by their claims; true by default. Turn it off only for access
     * tokens that carry {@code nonce}, {@code at_hash}, {@code c_hash}, a payload {@code typ} or a
     * {@code token_use} for other reasons.
     */
    public VerifierConfigBuilder tokenKindCheck(boolean value) {
        this.tokenKindCheck = value;
        return this;
    }

    /**
     * Sets one dot-separated path of the groups claim; {@code groups} by default. The same as
     * {@link #groupsClaimPaths(List)} with one path (a comma here is part of a claim name).
     */
    public VerifierConfigBuilder groupsClaimPath(String value) {
        return groupsClaimPaths(List.of(Objects.requireNonNull(value, "groupsClaimPath")));
    }

    /**
     * Sets the dot-separated paths of the groups claim, for example {@code realm_access.roles} and
     * {@code resource_access.orders.roles}: the groups are the union of the string values found at
     * each path, in this order, duplicates removed. A path absent from a token adds nothing; a
     * present path that holds neither a string nor an array of strings refuses the token
     * ({@link RejectionReason#INVALID_CLAIM}). A claim name containing a dot cannot be named.
     *
     * @param value at least one path, not null
     */
    public VerifierConfigBuilder groupsClaimPaths(List<String> value) {
        this.groupsClaimPaths = List.copyOf(value);
        return this;
    }

    /**
     * Sets the group names dropped from every token's groups, after they were read from the claim
     * paths; none by default. An entry ending with {@code *} drops every group that starts with
     * what precedes it (Keycloak's default roles: {@code default-roles-*}, {@code offline_access},
     * {@code uma_authorization}). Exclusion only removes groups; it never adds one.
     *
     * @param value group names or prefix patterns; blank entries and a {@code *} anywhere but at
     *     the end are refused by {@link #build()}
     */
    public VerifierConfigBuilder groupsExclude(List<String> value) {
        this.groupsExclude = List.copyOf(value);
        return this;
    }

    /**
     * Sets the claims that name the principal, in order of preference (the first that is a string
     * wins); {@code upn}, {@code preferred_username}, {@code sub} by default, as MicroProfile JWT
     * says. A token with none of them is refused ({@link RejectionReason#MISSING_CLAIM}).
     */
    public VerifierConfigBuilder principalClaims(List<String> value) {
        this.principalClaims = List.copyOf(value);
        return this;
    }

    /**
     * Adds an application claim rule that every issuer's tokens must pass (see {@link ClaimRule}):
     * a tenant, {@code azp}, {@code acr} or any other check. Its refusals are
     * {@link RejectionReason#CUSTOM_RULE} with the rule's code.
     */
    public VerifierConfigBuilder claimRule(ClaimRule value) {
        claimRules.add(Objects.requireNonNull(value, "claimRule"));
        return this;
    }

    /** Sets the maximum token length in characters; 8192 by default. */
    public VerifierConfigBuilder maxTokenSize(int value) {
        this.maxTokenSize = value;
        return this;
    }

    /** Accepts JWE tokens decrypted with these keys; only JWE tokens are then accepted. */
    public VerifierConfigBuilder decryptionKeys(DecryptionKeySource value) {
        this.decryptionKeys = value;
        return this;
    }

    /** Sets the accepted JWE key management algorithms; both RSA-OAEP variants by default. */
    public VerifierConfigBuilder keyManagementAlgorithms(Set<KeyManagementAlgorithm> value) {
        this.keyManagementAlgorithms = value.isEmpty() ? EnumSet.noneOf(KeyManagementAlgorithm.class)
                : EnumSet.copyOf(value);
        return this;
    }

    /** Accepts these posture findings deliberately. */
    public VerifierConfigBuilder acknowledge(Set<FindingCode> value) {
        this.acknowledged = Set.copyOf(value);
        return this;
    }

    /** Sets the time source; the system UTC clock by default. */
    public VerifierConfigBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * Sets the JCA providers that compute signatures; the JDK's by default here (the
     * configuration loader applies {@code jwtguard.crypto.provider}, {@code auto} by default,
     * through {@link io.jwtguard.core.jose.CryptoProviders#select}). Our own signature checks run
     * in front of whichever provider.
     */
    public VerifierConfigBuilder signatureEngines(io.jwtguard.core.jose.SignatureEngines value) {
        this.signatureEngines = Objects.requireNonNull(value, "signatureEngines");
        return this;
    }

    /** Sets the revocation check; none by default. */
    public VerifierConfigBuilder revocationCheck(RevocationCheck value) {
        this.revocationCheck = Objects.requireNonNull(value, "revocationCheck");
        return this;
    }

    /**
     * Configures the verified-token cache: on by default with
     * {@value VerifierConfig#DEFAULT_CACHE_MAX_SIZE} entries. Hits re-check expiry, maximum age,
     * the key set and revocation.
     *
     * @param enabled false turns the cache off
     * @param maxSize maximum number of entries, at least 1 when enabled
     */
    public VerifierConfigBuilder verifiedTokenCache(boolean enabled, long maxSize) {
        this.cacheEnabled = enabled;
        this.cacheMaxSize = maxSize;
        return this;
    }

    /**
     * Trusts one more issuer, chosen for a token by exact {@code iss} match. With at least one,
     * the verifier reads {@code iss} before checking the signature (to pick the issuer's keys);
     * the issuer configured by {@link #issuer(String)} and {@link #keySource(KeySource)}, if any,
     * remains one of the trusted issuers.
     */
    public VerifierConfigBuilder trustedIssuer(TrustedIssuer value) {
        trustedIssuers.add(Objects.requireNonNull(value, "trustedIssuer"));
        return this;
    }

    /**
     * Sets how errors and posture findings name settings; {@link SettingNames#BUILDER_METHODS} by
     * default. A loader that reads settings from elsewhere names what its users wrote.
     */
    public VerifierConfigBuilder settingNames(SettingNames value) {
        this.names = Objects.requireNonNull(value, "settingNames");
        return this;
    }

    /**
     * Validates, builds, and runs the posture check on the built value.
     *
     * @throws InvalidSettingException naming the setting (see {@link #settingNames(SettingNames)}),
     *     if a setting is invalid or a posture finding is an unacknowledged error
     */
    public VerifierConfig build() {
        new TrustedIssuerChecks(this, names).check();
        FixedKeyChecks.checkAbsoluteFloor(keySources, trustedIssuers, names);
        if (keySources.isEmpty() && decryptionKeys == null && trustedIssuers.isEmpty()) {
            throw invalid(Setting.KEYS, "no verification key is configured; set " + names.of(Setting.KEYS));
        }
        if (issuer != null && issuer.isBlank()) {
            throw invalid(Setting.ISSUER, "the issuer is blank; set the exact 'iss' value or remove it");
        }
        for (String audience : audiences) {
            if (audience.isBlank()) {
                throw invalid(Setting.AUDIENCES, "an audience is blank; list non-empty values");
            }
        }
        if (clockSkew.isNegative()) {
            throw invalid(Setting.CLOCK_SKEW, "the clock skew is negative; use 0 or more seconds");
        }
        if (maxClockSkew.isNegative()) {
            throw invalid(Setting.MAX_CLOCK_SKEW, "the bound is negative; use 0 or more seconds");
        }
        if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
            throw invalid(Setting.MAX_LIFETIME, "the maximum lifetime must be positive, for example PT1H");
        }
        Duration max = VerifierConfig.MAX_DURATION;
        if (maxTokenAge != null
                && (maxTokenAge.isNegative() || maxTokenAge.isZero() || maxTokenAge.compareTo(max) > 0)) {
            throw invalid(Setting.MAX_TOKEN_AGE, "the maximum token age must be a positive number of seconds, at most "
                    + max.toSeconds());
        }
        if (clockSkew.compareTo(max) > 0 || maxClockSkew.compareTo(max) > 0
                || (maxLifetime != null && maxLifetime.compareTo(max) > 0)) {
            throw invalid(clockSkew.compareTo(max) > 0 ? Setting.CLOCK_SKEW
                    : maxClockSkew.compareTo(max) > 0 ? Setting.MAX_CLOCK_SKEW : Setting.MAX_LIFETIME,
                    "durations are limited to " + max.toSeconds() + " seconds (100 years)");
        }
        if (maxTokenSize < 64 || maxTokenSize > 1 << 20) {
            throw invalid(Setting.MAX_TOKEN_SIZE, "must be between 64 and 1048576 characters, was " + maxTokenSize);
        }
        if (acceptedTypes.isEmpty() && typeRequired) {
            throw invalid(Setting.TOKEN_TYPES, "no type is accepted while a type is required; list at least one, "
                    + "for example at+jwt");
        }
        if (groupsClaimPaths.isEmpty()) {
            throw invalid(Setting.GROUPS_CLAIM, "no claim path; use for example groups or realm_access.roles");
        }
        for (String path : groupsClaimPaths) {
            if (!ClaimPaths.isValid(path)) {
                throw invalid(Setting.GROUPS_CLAIM, "'" + path + "' is not a dot-separated claim path; use "
                        + "for example groups or realm_access.roles (several paths separated by commas)");
            }
        }
        for (String entry : groupsExclude) {
            String problem = GroupsMapping.invalidExclusion(entry);
            if (problem != null) {
                throw invalid(Setting.GROUPS_EXCLUDE, problem);
            }
        }
        if (principalClaims.isEmpty() || principalClaims.stream().anyMatch(String::isBlank)) {
            throw invalid(Setting.PRINCIPAL_CLAIMS, "list at least one claim name, for example upn,preferred_username,sub");
        }
        if (cacheEnabled && cacheMaxSize < 1) {
            throw invalid(Setting.CACHE, "the maximum size must be at least 1; to turn the cache off, disable it");
        }
        if (keyManagementAlgorithms.isEmpty()) {
            throw invalid(Setting.KEY_MANAGEMENT_ALGORITHMS, "no algorithm; use RSA-OAEP or RSA-OAEP-256");
        }
        for (FindingCode code : acknowledged) {
            if (!code.acknowledgeable()) {
                throw invalid(Setting.ACKNOWLEDGE, code + " cannot be acknowledged"
                        + (code == FindingCode.DECRYPT_ONLY ? "; only the mp-compat profile accepts it ("
                        + names.of(Setting.PROFILE) + ")" : ""));
            }
        }
        Set<JwsAlgorithm> algorithms = allowedAlgorithms != null ? allowedAlgorithms
                : FixedKeyChecks.defaultAlgorithms(keySources);
        if (algorithms.isEmpty() && !keySources.isEmpty()) {
            throw invalid(Setting.ALGORITHMS, "no algorithm is allowed; list at least one, for example RS256");
        }
        FixedKeyChecks.checkSomeKeyFits(keySources, algorithms, names);
        VerifierConfig unchecked = new VerifierConfig(this, algorithms);
        PostureReport posture = new PostureReport(profile, new PostureCheck(unchecked, names).findings());
        List<PostureFinding> errors = posture.withSeverity(Severity.ERROR);
        if (!errors.isEmpty()) {
            PostureFinding first = errors.get(0);
            StringBuilder message = new StringBuilder(first.message());
            for (PostureFinding more : errors.subList(1, errors.size())) {
                message.append("; also ").append(more);
            }
            throw new InvalidSettingException(first.setting(), message.toString());
        }
        return unchecked.withPosture(posture);
    }

    private InvalidSettingException invalid(Setting setting, String problemAndFix) {
        return new InvalidSettingException(names.of(setting), problemAndFix);
    }
}

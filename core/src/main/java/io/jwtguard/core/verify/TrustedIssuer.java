package io.jwtguard.core.verify;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One more issuer that a multi-issuer verifier trusts ({@code jwtguard.issuers.<name>.*}), with
 * its own keys, algorithms, audiences, clock skew and token age, and, where it differs from the
 * verifier's global settings, its own groups claim, principal claims, required claims, accepted
 * {@code typ}s and application claim rules. A token is matched to an issuer by the exact string
 * value of its {@code iss}; that value never tells where keys live. Build with
 * {@link #builder(String, String)}. Immutable.
 */
public final class TrustedIssuer {
    private final String name;
    private final String issuer;
    private final List<KeySource> keySources;
    private final Set<JwsAlgorithm> allowedAlgorithms;
    private final Set<String> audiences;
    private final Duration clockSkew;
    private final Duration maxTokenAge;
    private final List<String> groupsClaimPaths;
    private final List<String> groupsExclude;
    private final List<String> principalClaims;
    private final Set<String> requiredClaims;
    private final Set<String> acceptedTypes;
    private final List<ClaimRule> claimRules;

    private TrustedIssuer(Builder b) {
        this.name = b.name;
        this.issuer = b.issuer;
        this.keySources = List.copyOf(b.keySources);
        this.allowedAlgorithms = Set.copyOf(b.allowedAlgorithms);
        this.audiences = Set.copyOf(b.audiences);
        this.clockSkew = b.clockSkew;
        this.maxTokenAge = b.maxTokenAge;
        this.groupsClaimPaths = b.groupsClaimPaths;
        this.groupsExclude = b.groupsExclude;
        this.principalClaims = b.principalClaims == null ? null : List.copyOf(b.principalClaims);
        this.requiredClaims = b.requiredClaims == null ? null : Set.copyOf(b.requiredClaims);
        this.acceptedTypes = b.acceptedTypes == null ? null : Set.copyOf(b.acceptedTypes);
        this.claimRules = List.copyOf(b.claimRules);
    }

    /**
     * @param name the configuration name, for messages, not null
     * @param issuer the exact {@code iss} value, not null
     * @return a builder with RS256, no audience check, the default clock skew and no age limit
     */
    public static Builder builder(String name, String issuer) {
        return new Builder(name, issuer);
    }

    /** @return the configuration name, for messages */
    public String name() {
        return name;
    }

    /** @return the exact {@code iss} value */
    public String issuer() {
        return issuer;
    }

    /** @return where this issuer's keys come from */
    public List<KeySource> keySources() {
        return keySources;
    }

    /** @return the algorithms this issuer may use */
    public Set<JwsAlgorithm> allowedAlgorithms() {
        return allowedAlgorithms;
    }

    /** @return accepted audiences; empty: not checked */
    public Set<String> audiences() {
        return audiences;
    }

    /** @return the allowed clock skew */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** @return the maximum token age, or empty when not limited */
    public Optional<Duration> tokenAge() {
        return Optional.ofNullable(maxTokenAge);
    }

    /**
     * @return this issuer's first groups claim path (the only one unless several were set; see
     *     {@link #groupsClaimPaths()}), or empty for the verifier's
     */
    public Optional<String> groupsClaimPath() {
        return groupsClaimPaths().map(paths -> paths.isEmpty() ? null : paths.get(0));
    }

    /** @return this issuer's groups claim paths in order, or empty for the verifier's */
    public Optional<List<String>> groupsClaimPaths() {
        return Optional.ofNullable(groupsClaimPaths);
    }

    /** @return the group names excluded from this issuer's groups (instead of the verifier's), or empty for the verifier's */
    public Optional<List<String>> groupsExclude() {
        return Optional.ofNullable(groupsExclude);
    }

    /** @return this issuer's principal claims in order of preference, or empty for the verifier's */
    public Optional<List<String>> principalClaims() {
        return Optional.ofNullable(principalClaims);
    }

    /** @return the claims this issuer's tokens must carry, or empty for the verifier's */
    public Optional<Set<String>> requiredClaims() {
        return Optional.ofNullable(requiredClaims);
    }

    /** @return this issuer's accepted {@code typ} values (normalised), or empty for the verifier's */
    public Optional<Set<String>> acceptedTypes() {
        return Optional.ofNullable(acceptedTypes);
    }

    /** @return this issuer's application claim rules, run after the verifier's global ones */
    public List<ClaimRule> claimRules() {
        return claimRules;
    }

    @Override
    public String toString() {
        return "TrustedIssuer[" + name + ", " + issuer + "]";
    }

    /** Collects one trusted issuer's settings; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String issuer;
        private final List<KeySource> keySources = new ArrayList<>();
        private Set<JwsAlgorithm> allowedAlgorithms = EnumSet.of(JwsAlgorithm.RS256);
        private Set<String> audiences = Set.of();
        private Duration clockSkew = VerifierConfig.DEFAULT_CLOCK_SKEW;
        private Duration maxTokenAge;
        private List<String> groupsClaimPaths;
        private List<String> groupsExclude;
        private List<String> principalClaims;
        private Set<String> requiredClaims;
        private Set<String> acceptedTypes;
        private final List<ClaimRule> claimRules = new ArrayList<>();

        private Builder(String name, String issuer) {
            this.name = Objects.requireNonNull(name, "name");
            this.issuer = Objects.requireNonNull(issuer, "issuer");
        }

        /** Adds a source of this issuer's keys. */
        public Builder keySource(KeySource value) {
            keySources.add(Objects.requireNonNull(value, "keySource"));
            return this;
        }

        /** Adds sources of this issuer's keys. */
        public Builder keySources(List<KeySource> values) {
            values.forEach(this::keySource);
            return this;
        }

        /** Sets the algorithms this issuer may use; RS256 by default. */
        public Builder allowedAlgorithms(Set<JwsAlgorithm> value) {
            this.allowedAlgorithms = Set.copyOf(value);
            return this;
        }

        /** Sets the accepted audiences; empty (the default) means not checked. */
        public Builder audiences(Set<String> value) {
            this.audiences = Set.copyOf(value);
            return this;
        }

        /** Sets the clock skew; 30 seconds by default. */
        public Builder clockSkew(Duration value) {
            this.clockSkew = Objects.requireNonNull(value, "clockSkew");
            return this;
        }

        /** Sets the maximum {@code now - iat}; null (the default) means not limited. */
        public Builder maxTokenAge(Duration value) {
            this.maxTokenAge = value;
            return this;
        }

        /** Sets the dot-separated groups claim path of this issuer's tokens (Keycloak: {@code realm_access.roles}). */
        public Builder groupsClaimPath(String value) {
            return groupsClaimPaths(List.of(Objects.requireNonNull(value, "groupsClaimPath")));
        }

        /**
         * Sets the groups claim paths of this issuer's tokens, merged as
         * {@link VerifierConfigBuilder#groupsClaimPaths(List)} says (Keycloak:
         * {@code realm_access.roles} and {@code resource_access.<client>.roles}).
         */
        public Builder groupsClaimPaths(List<String> value) {
            this.groupsClaimPaths = List.copyOf(value);
            return this;
        }

        /**
         * Sets the group names excluded from this issuer's groups, instead of the verifier's
         * (same form as {@link VerifierConfigBuilder#groupsExclude(List)}).
         */
        public Builder groupsExclude(List<String> value) {
            this.groupsExclude = List.copyOf(value);
            return this;
        }

        /** Sets the claims that name the principal, first present string wins (for example {@code email}). */
        public Builder principalClaims(List<String> value) {
            this.principalClaims = List.copyOf(value);
            return this;
        }

        /** Sets the claims this issuer's tokens must carry, instead of the verifier's. */
        public Builder requiredClaims(Set<String> value) {
            this.requiredClaims = Set.copyOf(value);
            return this;
        }

        /** Sets this issuer's accepted {@code typ} values, instead of the verifier's. */
        public Builder acceptedTypes(Set<String> value) {
            Set<String> normalized = new LinkedHashSet<>();
            value.forEach(t -> normalized.add(TokenTypes.normalize(t)));
            this.acceptedTypes = normalized;
            return this;
        }

        /** Adds an application claim rule for this issuer's tokens (see {@link ClaimRule}). */
        public Builder claimRule(ClaimRule value) {
            claimRules.add(Objects.requireNonNull(value, "claimRule"));
            return this;
        }

        /** @return the issuer; the verifier's builder validates it */
        public TrustedIssuer build() {
            return new TrustedIssuer(this);
        }
    }
}

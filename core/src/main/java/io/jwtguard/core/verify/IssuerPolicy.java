package io.jwtguard.core.verify;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What one trusted issuer is verified with: its keys, algorithms and claim rules. Immutable. */
final class IssuerPolicy {
    final String issuer;
    final List<KeySource> keySources;
    final Set<JwsAlgorithm> allowedAlgorithms;
    final List<ClaimRule> claimRules;
    /** Clock skew in seconds, for re-checking cached tokens. */
    final long skewSeconds;
    /** Maximum token age in seconds, or -1 when not limited. */
    final long maxAgeSeconds;

    private IssuerPolicy(String issuer, List<KeySource> keySources, Set<JwsAlgorithm> allowedAlgorithms,
            List<ClaimRule> claimRules, Duration skew, Duration maxAge) {
        this.issuer = issuer;
        this.keySources = List.copyOf(keySources);
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.claimRules = List.copyOf(claimRules);
        this.skewSeconds = skew.toSeconds();
        this.maxAgeSeconds = maxAge == null ? -1 : maxAge.toSeconds();
    }

    /** @return a value that changes whenever any of this issuer's key sets changes */
    long keyVersion() {
        long version = 0;
        for (KeySource source : keySources) {
            version += source.version();
        }
        return version;
    }

    /**
     * As {@link #keyVersion()}, after asking every source for its keys: a source whose key set is
     * due starts a refresh (in the background, or now when the set has expired), so a cache hit
     * notices keys the issuer removed within one refresh interval.
     *
     * @throws VerificationUnavailableException if a source's keys cannot be obtained (past its stale bound)
     */
    long currentKeyVersion() {
        for (KeySource source : keySources) {
            source.keys();
        }
        return keyVersion();
    }

    /**
     * @return the last epoch second at which a token with these time claims still passes the
     *     time rules that can change as time passes (expiry, maximum age)
     */
    long validThrough(long exp, long iat) {
        long through = exp + skewSeconds - 1;
        if (maxAgeSeconds >= 0 && iat != NumericDates.ABSENT) {
            through = Math.min(through, iat + maxAgeSeconds);
        }
        return through;
    }

    /** The issuer configured by the MicroProfile JWT properties (its issuer may be null: not checked). */
    static IssuerPolicy primary(VerifierConfig config) {
        return new IssuerPolicy(config.issuer().orElse(null), config.keySources(), config.allowedAlgorithms(),
                StandardClaimRules.forConfig(config), config.clockSkew(), config.maxTokenAge().orElse(null));
    }

    /** One of {@code jwtguard.issuers.*}; shares the global lifetime, required claims, types and kind check. */
    static IssuerPolicy trusted(VerifierConfig config, TrustedIssuer trusted) {
        List<ClaimRule> rules = new ArrayList<>();
        rules.add(StandardClaimRules.stringTypes());
        if (config.tokenKindCheck()) {
            rules.add(StandardClaimRules.accessTokenKind(config.acceptedTypes()));
        }
        rules.add(StandardClaimRules.expiration(trusted.clockSkew()));
        rules.add(StandardClaimRules.notBefore(trusted.clockSkew()));
        rules.add(StandardClaimRules.issuedAt(trusted.clockSkew(), config.maxLifetime().orElse(null),
                trusted.tokenAge().orElse(null)));
        rules.add(StandardClaimRules.issuer(trusted.issuer()));
        if (!trusted.audiences().isEmpty()) {
            rules.add(StandardClaimRules.audience(trusted.audiences()));
        }
        if (!config.requiredClaims().isEmpty()) {
            rules.add(StandardClaimRules.requiredClaims(config.requiredClaims()));
        }
        return new IssuerPolicy(trusted.issuer(), trusted.keySources(), trusted.allowedAlgorithms(), rules,
                trusted.clockSkew(), trusted.tokenAge().orElse(null));
    }
}

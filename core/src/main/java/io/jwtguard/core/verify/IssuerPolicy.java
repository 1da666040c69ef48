package io.jwtguard.core.verify;

import static io.jwtguard.core.verify.TokenParts.reject;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one trusted issuer is verified with: its keys, algorithms, accepted types, built-in and
 * application claim rules, and how its claims name the principal and the groups. The one place
 * that decides which rules run for an issuer. Immutable and thread-safe.
 */
final class IssuerPolicy {
    final String issuer;
    final List<KeySource> keySources;
    final Set<JwsAlgorithm> allowedAlgorithms;
    final AcceptedTypes acceptedTypes;
    /** RFC 7519 and MicroProfile JWT rules; their time limits are folded into the cache's validity. */
    final List<ClaimRule> builtInRules;
    /** The application's rules: run on every verification and on every cache hit. */
    final List<ClaimRule> applicationRules;
    private final GroupsMapping groups;
    private final List<String> principalClaims;
    /** Clock skew in seconds, for re-checking cached tokens. */
    final long skewSeconds;
    /** Maximum token age in seconds, or -1 when not limited. */
    final long maxAgeSeconds;

    private IssuerPolicy(String issuer, List<KeySource> keySources, Set<JwsAlgorithm> allowedAlgorithms,
            AcceptedTypes acceptedTypes, List<ClaimRule> builtInRules, List<ClaimRule> applicationRules,
            GroupsMapping groups, List<String> principalClaims, Duration skew, Duration maxAge) {
        this.issuer = issuer;
        this.keySources = List.copyOf(keySources);
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.acceptedTypes = acceptedTypes;
        this.builtInRules = List.copyOf(builtInRules);
        List<ClaimRule> guarded = new ArrayList<>();
        applicationRules.forEach(rule -> guarded.add(rule instanceof ApplicationRule ? rule
                : new ApplicationRule(rule.getClass().getName(), rule)));
        this.applicationRules = List.copyOf(guarded);
        this.groups = groups;
        this.principalClaims = List.copyOf(principalClaims);
        this.skewSeconds = skew.toSeconds();
        this.maxAgeSeconds = maxAge == null ? -1 : maxAge.toSeconds();
    }

    /** The issuer configured by the MicroProfile JWT properties (its issuer may be null: not checked). */
    static IssuerPolicy primary(VerifierConfig config) {
        return new IssuerPolicy(config.issuer().orElse(null), config.keySources(), config.allowedAlgorithms(),
                new AcceptedTypes(config.acceptedTypes(), config.typeRequired()), StandardClaimRules.forConfig(config),
                config.claimRules(), new GroupsMapping(config.groupsClaimPaths(), config.groupsExclude()),
                config.principalClaims(), config.clockSkew(),
                config.maxTokenAge().orElse(null));
    }

    /**
     * One of {@code jwtguard.issuers.*}: its own settings where it has them, the verifier's
     * global ones (lifetime, kind check, required claims, types, groups, principal) otherwise;
     * the global application rules run before its own.
     */
    static IssuerPolicy trusted(VerifierConfig config, TrustedIssuer trusted) {
        Set<String> types = trusted.acceptedTypes().orElse(config.acceptedTypes());
        List<ClaimRule> rules = new ArrayList<>();
        rules.add(StandardClaimRules.stringTypes());
        if (config.tokenKindCheck()) {
            rules.add(StandardClaimRules.accessTokenKind(types));
        }
        rules.add(StandardClaimRules.expiration(trusted.clockSkew()));
        rules.add(StandardClaimRules.notBefore(trusted.clockSkew()));
        rules.add(StandardClaimRules.issuedAt(trusted.clockSkew(), config.maxLifetime().orElse(null),
                trusted.tokenAge().orElse(null)));
        rules.add(StandardClaimRules.issuer(trusted.issuer()));
        if (!trusted.audiences().isEmpty()) {
            rules.add(StandardClaimRules.audience(trusted.audiences()));
        }
        Set<String> required = trusted.requiredClaims().orElse(config.requiredClaims());
        if (!required.isEmpty()) {
            rules.add(StandardClaimRules.requiredClaims(required));
        }
        List<ClaimRule> applicationRules = new ArrayList<>(config.claimRules());
        applicationRules.addAll(trusted.claimRules());
        return new IssuerPolicy(trusted.issuer(), trusted.keySources(), trusted.allowedAlgorithms(),
                new AcceptedTypes(types, config.typeRequired()), rules, applicationRules,
                new GroupsMapping(trusted.groupsClaimPaths().map(IssuerPolicy::parsePaths).orElse(config.groupsClaimPaths()),
                        trusted.groupsExclude().orElse(config.groupsExclude())),
                trusted.principalClaims().orElse(config.principalClaims()), trusted.clockSkew(),
                trusted.tokenAge().orElse(null));
    }

    /** Runs the built-in rules, then the application's. */
    void checkClaims(JsonObject claims, Instant now) {
        for (ClaimRule rule : builtInRules) {
            rule.check(claims, now);
        }
        checkApplicationRules(claims, now);
    }

    /** Runs the application's rules only: what a cache hit must re-check. */
    void checkApplicationRules(JsonObject claims, Instant now) {
        for (ClaimRule rule : applicationRules) {
            rule.check(claims, now);
        }
    }

    /** @return the first of the principal claims that is a string */
    String principalName(JsonObject claims) {
        for (String claim : principalClaims) {
            JsonValue value = claims.get(claim);
            if (value instanceof JsonString) {
                return ((JsonString) value).getString();
            }
        }
        throw reject(RejectionReason.MISSING_CLAIM, "no principal claim: " + String.join(", ", principalClaims));
    }

    /**
     * @return the groups at this issuer's groups claim paths (their union, minus the excluded
     *     names); empty when no path is present
     */
    Set<String> groups(JsonObject claims) {
        return groups.groups(claims);
    }

    private static List<List<String>> parsePaths(List<String> paths) {
        List<List<String>> parsed = new ArrayList<>();
        paths.forEach(path -> parsed.add(ClaimPaths.parse(path)));
        return parsed;
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
}

package io.jwtguard.core.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The build-time checks of a builder's {@link TrustedIssuer}s; errors name their settings. */
final class TrustedIssuerChecks {
    private final VerifierConfigBuilder b;
    private final SettingNames names;

    TrustedIssuerChecks(VerifierConfigBuilder builder, SettingNames names) {
        this.b = builder;
        this.names = names;
    }

    private InvalidSettingException invalid(TrustedIssuer issuer, Setting setting, String problemAndFix) {
        return new InvalidSettingException(names.ofIssuer(issuer.name(), setting), problemAndFix);
    }

    void check() {
        Set<String> seen = new HashSet<>();
        if (b.issuer != null && !b.keySources.isEmpty()) {
            seen.add(b.issuer);
        }
        for (TrustedIssuer t : b.trustedIssuers) {
            if (t.issuer().isBlank()) {
                throw invalid(t, Setting.ISSUER, "the issuer is blank; set the exact 'iss' value");
            }
            if (!seen.add(t.issuer())) {
                throw invalid(t, Setting.ISSUER, "issuer '" + t.issuer() + "' is configured twice; each issuer "
                        + "appears once");
            }
            if (t.keySources().isEmpty()) {
                throw invalid(t, Setting.KEYS, "issuer '" + t.name() + "' has no keys; set "
                        + names.ofIssuer(t.name(), Setting.KEYS));
            }
            if (t.allowedAlgorithms().isEmpty()) {
                throw invalid(t, Setting.ALGORITHMS, "no algorithm; list at least one, e.g. RS256");
            }
            if (t.clockSkew().isNegative()) {
                throw invalid(t, Setting.CLOCK_SKEW, "the clock skew is negative");
            }
            if (t.groupsClaimPaths().isPresent() && t.groupsClaimPaths().get().isEmpty()) {
                throw invalid(t, Setting.GROUPS_CLAIM, "no claim path; use for example groups or realm_access.roles");
            }
            for (String path : t.groupsClaimPaths().orElse(List.of())) {
                if (!ClaimPaths.isValid(path)) {
                    throw invalid(t, Setting.GROUPS_CLAIM, "'" + path + "' is not a dot-separated claim path; use "
                            + "for example groups or realm_access.roles (several paths separated by commas)");
                }
            }
            for (String entry : t.groupsExclude().orElse(List.of())) {
                String problem = GroupsMapping.invalidExclusion(entry);
                if (problem != null) {
                    throw invalid(t, Setting.GROUPS_EXCLUDE, problem);
                }
            }
            if (t.principalClaims().isPresent()
                    && (t.principalClaims().get().isEmpty() || t.principalClaims().get().stream().anyMatch(String::isBlank))) {
                throw invalid(t, Setting.PRINCIPAL_CLAIMS, "list at least one claim name, for example sub");
            }
            if (t.acceptedTypes().isPresent() && t.acceptedTypes().get().isEmpty() && b.typeRequired) {
                throw invalid(t, Setting.TOKEN_TYPES, "no type is accepted while a type is required; list at least one");
            }
            if (t.clockSkew().compareTo(b.maxClockSkew) > 0 && !b.acknowledged.contains(FindingCode.SKEW_OVER_BOUND)) {
                throw invalid(t, Setting.CLOCK_SKEW, "clock skew of " + t.clockSkew().toSeconds()
                        + " s exceeds the bound of " + b.maxClockSkew.toSeconds() + " s; lower it, or accept the risk "
                        + "with " + names.acknowledgement(FindingCode.SKEW_OVER_BOUND));
            }
        }
        if (!b.trustedIssuers.isEmpty() && !b.keySources.isEmpty() && b.issuer == null) {
            throw new InvalidSettingException(names.of(Setting.ISSUER), "with several trusted issuers, the keys of " + names.of(Setting.KEYS)
                    + " need their issuer: set " + names.of(Setting.ISSUER));
        }
    }
}

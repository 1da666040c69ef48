package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.ISSUERS;
import static io.jwtguard.core.config.ConfigProperties.ISSUER_PREFIX;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.verify.TrustedIssuer;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiFunction;

/** Reads {@code jwtguard.issuers} and each {@code jwtguard.issuers.<name>.*} into a {@link TrustedIssuer}. */
final class TrustedIssuerLoader {
    private TrustedIssuerLoader() {
    }

    /**
     * @param keySources the key sources of one issuer, from its property prefix
     *     ({@code jwtguard.issuers.<name>.}) and its exact issuer value
     */
    static void addTrustedIssuers(PropertyReader in, VerifierConfigBuilder builder,
            BiFunction<String, String, List<KeySource>> keySources) {
        for (String name : in.list(ISSUERS)) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new ConfigurationException(ISSUERS, "'" + name + "' is not a valid issuer name; use letters, "
                        + "digits, '-' and '_'");
            }
            String prefix = ISSUER_PREFIX + name + ".";
            String issuer = in.get(prefix + "issuer").map(String::trim).orElseThrow(() -> new ConfigurationException(
                    prefix + "issuer", "issuer '" + name + "' is listed in " + ISSUERS + " but has no exact 'iss' "
                            + "value; set " + prefix + "issuer"));
            TrustedIssuer.Builder trusted = TrustedIssuer.builder(name, issuer)
                    .keySources(keySources.apply(prefix, issuer))
                    .allowedAlgorithms(ConfigLoader.algorithmList(in, prefix + "algorithms")
                            .orElse(EnumSet.of(JwsAlgorithm.RS256)))
                    .audiences(in.list(prefix + "audiences"))
                    .clockSkew(in.get(prefix + "clock.skew").isPresent()
                            ? Duration.ofSeconds(in.nonNegativeLong(prefix + "clock.skew"))
                            : VerifierConfig.DEFAULT_CLOCK_SKEW)
                    .maxTokenAge(in.get(prefix + "token.age").isPresent()
                            ? Duration.ofSeconds(in.nonNegativeLong(prefix + "token.age")) : null);
            in.get(prefix + "groups.claim-path").ifPresent(v ->
                    trusted.groupsClaimPaths(List.copyOf(in.list(prefix + "groups.claim-path"))));
            in.get(prefix + "groups.exclude").ifPresent(v -> trusted.groupsExclude(ConfigLoader.entries(v)));
            in.get(prefix + "principal-claims").ifPresent(v ->
                    trusted.principalClaims(List.copyOf(in.list(prefix + "principal-claims"))));
            in.get(prefix + "required-claims").ifPresent(v -> trusted.requiredClaims(in.list(prefix + "required-claims")));
            in.get(prefix + "token.types").ifPresent(v -> trusted.acceptedTypes(in.list(prefix + "token.types")));
            ClaimRuleLoader.rules(in, prefix + "claim-rules").forEach(trusted::claimRule);
            builder.trustedIssuer(trusted.build());
        }
    }
}

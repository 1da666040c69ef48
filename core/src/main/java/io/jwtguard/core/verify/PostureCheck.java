package io.jwtguard.core.verify;

import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.VerificationKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The posture check of one configuration: every weak setting as a finding with a severity, the
 * ones the hardened profile refuses as errors unless acknowledged. Pure: reads the configuration,
 * changes nothing.
 */
final class PostureCheck {
    private final VerifierConfig config;
    private final SettingNames names;

    PostureCheck(VerifierConfig config, SettingNames names) {
        this.config = config;
        this.names = names;
    }

    List<PostureFinding> findings() {
        List<PostureFinding> findings = new ArrayList<>();
        if (config.profile() == Profile.MP_COMPAT) {
            findings.add(new PostureFinding(FindingCode.MP_COMPAT_PROFILE, Severity.WARNING, names.of(Setting.PROFILE),
                    "the mp-compat profile accepts 1024-bit RSA keys and decrypt-only JWE; use it only for the "
                            + "MicroProfile JWT TCK, and use the hardened profile in production"));
        }
        if (config.issuer().isEmpty() && config.trustedIssuers().isEmpty()) {
            finding(findings, FindingCode.NO_ISSUER, names.of(Setting.ISSUER),
                    "no issuer is configured, so any issuer trusted by the keys is accepted; set it to the exact "
                            + "'iss' value of your identity provider");
        }
        for (TrustedIssuer t : config.trustedIssuers()) {
            if (t.audiences().isEmpty()) {
                findings.add(new PostureFinding(FindingCode.NO_AUDIENCE, Severity.WARNING,
                        names.ofIssuer(t.name(), Setting.AUDIENCES), "no audience is configured for issuer '"
                                + t.name() + "', so its tokens for other services are accepted"));
            }
        }
        if (config.audiences().isEmpty() && (config.trustedIssuers().isEmpty() || !config.keySources().isEmpty())) {
            findings.add(new PostureFinding(FindingCode.NO_AUDIENCE, Severity.WARNING, names.of(Setting.AUDIENCES),
                    "no audience is configured, so tokens issued for other services are accepted; set it to "
                            + "this service's audience"));
        }
        config.issuingKeySource().ifPresent(own -> {
            List<String> others = config.keySources().stream().filter(k -> k != own).map(KeySource::describe).toList();
            if (!others.isEmpty()) {
                findings.add(new PostureFinding(FindingCode.TOKEN_SERVICE_SHARES_ISSUER, Severity.WARNING,
                        names.of(Setting.ISSUER), "this application's token service signs tokens as "
                                + config.issuer().map(i -> "'" + i + "'").orElse("the configured issuer")
                                + ", whose tokens are also verified with " + others + ", so its tokens and that "
                                + "issuer's cannot be told apart; give the token service its own issuer "
                                + "(jwtguard.issue.issuer and " + names.of(Setting.ISSUER) + ") and trust the other "
                                + "issuer through jwtguard.issuers.<name>, or turn the token service off"));
            }
        });
        if (!config.tokenKindCheck()) {
            findings.add(new PostureFinding(FindingCode.TOKEN_KIND_UNCHECKED, Severity.WARNING,
                    names.of(Setting.TOKEN_KIND_CHECK),
                    "ID tokens and other token kinds whose 'aud' names this service are accepted as access tokens; "
                            + "turn " + names.of(Setting.TOKEN_KIND_CHECK) + " back on unless your access tokens "
                            + "carry 'nonce', "
                            + "'at_hash', 'c_hash', 'typ' or 'token_use' for other reasons"));
        }
        if (config.maxLifetime().isEmpty()) {
            finding(findings, FindingCode.UNBOUNDED_LIFETIME, names.of(Setting.MAX_LIFETIME),
                    "token lifetime is unbounded; set a maximum such as PT1H (RFC 6750 section 5.3)");
        }
        if (config.clockSkew().compareTo(config.maxClockSkew()) > 0) {
            finding(findings, FindingCode.SKEW_OVER_BOUND, names.of(Setting.CLOCK_SKEW),
                    "clock skew of " + config.clockSkew().toSeconds() + " s exceeds the bound of "
                            + config.maxClockSkew().toSeconds()
                            + " s (" + names.of(Setting.MAX_CLOCK_SKEW) + "); synchronise clocks and lower it");
        }
        KeyStrengthPolicy hardenedStrength = VerifierConfig.strengthPolicyFor(Profile.HARDENED, Set.of());
        // every issuer's fixed keys, primary and additional, whatever the source; keys that a
        // source only knows at run time meet the same policy when they are used (VerifierConfig.keyStrength)
        List<KeySource> sources = new ArrayList<>(config.keySources());
        config.trustedIssuers().forEach(t -> sources.addAll(t.keySources()));
        for (KeySource source : sources) {
            for (VerificationKey key : source.fixedKeys().orElse(List.of())) {
                if (!hardenedStrength.accepts(key)) {
                    weakKey(findings, FindingCode.WEAK_RSA_KEY, names.ofKeys(source), "RSA key of "
                            + key.strengthBits() + " bits in " + source.describe() + "; use at least 2048 bits");
                }
                if (key.family() == KeyFamily.SECRET && key.strengthBits() < 256) {
                    weakKey(findings, FindingCode.SHORT_HMAC_SECRET, names.ofKeys(source), "HMAC secret of "
                            + key.strengthBits() / 8 + " bytes; HS256 needs at least 32 random bytes, HS384 48, "
                            + "HS512 64");
                }
            }
        }
        if (config.signatureEngines() != SignatureEngines.jdk()) {
            // a provider was selected (jwtguard.crypto.provider): say which, and why; the
            // builder's own default, the JDK, is not a choice worth a finding
            findings.add(new PostureFinding(FindingCode.CRYPTO_PROVIDER, Severity.INFO,
                    names.of(Setting.CRYPTO_PROVIDER), config.signatureEngines().summary()));
        }
        if (config.decryptOnlyAccepted()) {
            if (config.profile() == Profile.MP_COMPAT) {
                findings.add(new PostureFinding(FindingCode.DECRYPT_ONLY, Severity.WARNING,
                        names.of(Setting.DECRYPTION_KEYS),
                        "encrypted tokens whose plaintext is an unsigned claims set are accepted (mp-compat)"));
            } else {
                findings.add(new PostureFinding(FindingCode.DECRYPT_ONLY, Severity.ERROR, names.of(Setting.KEYS),
                        "decryption is configured without a verification key, so unsigned claims inside a JWE "
                                + "would be accepted; configure " + names.of(Setting.KEYS)
                                + " so that the JWE must contain a signed token"));
            }
        }
        return findings;
    }

    private void weakKey(List<PostureFinding> findings, FindingCode code, String property, String message) {
        if (code == FindingCode.WEAK_RSA_KEY && config.profile() == Profile.MP_COMPAT) {
            findings.add(new PostureFinding(code, Severity.WARNING, property, message + " (accepted by mp-compat)"));
        } else {
            finding(findings, code, property, message);
        }
    }

    private void finding(List<PostureFinding> findings, FindingCode code, String property, String message) {
        if (config.acknowledged().contains(code)) {
            findings.add(new PostureFinding(code, Severity.WARNING, property, message + " (acknowledged)"));
        } else {
            findings.add(new PostureFinding(code, Severity.ERROR, property, message
                    + "; or accept the risk with " + names.acknowledgement(code)));
        }
    }
}

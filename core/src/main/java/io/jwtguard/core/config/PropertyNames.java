package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;

import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.OidcDiscoveryKeySource;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.Setting;
import io.jwtguard.core.verify.SettingNames;

/**
 * Names the verifier's settings by the properties {@link ConfigLoader} reads them from, so that
 * errors and posture findings of a loaded configuration name what the deployer wrote. Stateless.
 */
final class PropertyNames implements SettingNames {
    static final PropertyNames INSTANCE = new PropertyNames();

    private PropertyNames() {
    }

    @Override
    public String of(Setting setting) {
        return switch (setting) {
            case PROFILE -> PROFILE;
            case KEYS -> MP_PUBLIC_KEY_LOCATION;
            case ALGORITHMS -> ALGORITHMS;
            case ISSUER -> MP_ISSUER;
            case AUDIENCES -> MP_AUDIENCES;
            case CLOCK_SKEW -> MP_CLOCK_SKEW;
            case MAX_CLOCK_SKEW -> MAX_CLOCK_SKEW;
            case MAX_LIFETIME -> MAX_LIFETIME;
            case MAX_TOKEN_AGE -> MP_TOKEN_AGE;
            case TOKEN_TYPES -> TOKEN_TYPES;
            case TOKEN_KIND_CHECK -> TOKEN_KIND_CHECK;
            case GROUPS_CLAIM -> GROUPS_CLAIM;
            case GROUPS_EXCLUDE -> GROUPS_EXCLUDE;
            case PRINCIPAL_CLAIMS -> PRINCIPAL_CLAIMS;
            case REQUIRED_CLAIMS -> REQUIRED_CLAIMS;
            case CLAIM_RULES -> CLAIM_RULES;
            case MAX_TOKEN_SIZE -> MAX_TOKEN_SIZE;
            case DECRYPTION_KEYS -> MP_DECRYPT_KEY_LOCATION;
            case KEY_MANAGEMENT_ALGORITHMS -> MP_DECRYPT_KEY_ALGORITHM;
            case ACKNOWLEDGE -> ACKNOWLEDGE;
            case CACHE -> CACHE_MAX_SIZE;
            case CRYPTO_PROVIDER -> CRYPTO_PROVIDER;
        };
    }

    @Override
    public String ofIssuer(String issuerName, Setting setting) {
        String prefix = "jwtguard.issuers." + issuerName + ".";
        return prefix + switch (setting) {
            case ISSUER -> "issuer";
            case KEYS -> "publickey.location";
            case ALGORITHMS -> "algorithms";
            case AUDIENCES -> "audiences";
            case CLOCK_SKEW -> "clock.skew";
            case GROUPS_CLAIM -> "groups.claim-path";
            case GROUPS_EXCLUDE -> "groups.exclude";
            case PRINCIPAL_CLAIMS -> "principal-claims";
            case REQUIRED_CLAIMS -> "required-claims";
            case TOKEN_TYPES -> "token.types";
            case CLAIM_RULES -> "claim-rules";
            default -> throw new IllegalArgumentException(setting + " is no setting of a trusted issuer");
        };
    }

    @Override
    public String ofKeys(KeySource source) {
        if (source instanceof StaticKeySource fixed) {
            return fixed.property();
        }
        return source instanceof OidcDiscoveryKeySource ? DISCOVERY : MP_PUBLIC_KEY_LOCATION;
    }

    @Override
    public String acknowledgement(FindingCode code) {
        return ACKNOWLEDGE + "=" + code;
    }
}

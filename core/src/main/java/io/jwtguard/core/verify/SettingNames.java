package io.jwtguard.core.verify;

import io.jwtguard.core.keys.KeySource;

/**
 * How {@link VerifierConfigBuilder} names settings in its errors ({@link InvalidSettingException})
 * and posture findings. {@link #BUILDER_METHODS} (the default) names builder methods; a loader
 * that reads settings from elsewhere supplies the names its users wrote (the MicroProfile Config
 * loader names properties). Implementations must be stateless or immutable.
 */
public interface SettingNames {
    /** Names builder methods, for example {@code issuer(String)}. */
    SettingNames BUILDER_METHODS = new SettingNames() {
        @Override
        public String of(Setting setting) {
            return setting.builderMethod();
        }

        @Override
        public String ofIssuer(String issuerName, Setting setting) {
            return "trustedIssuer(TrustedIssuer '" + issuerName + "')." + switch (setting) {
                case GROUPS_CLAIM -> "groupsClaimPath(String)";
                case GROUPS_EXCLUDE -> "groupsExclude(List)";
                case TOKEN_TYPES -> "acceptedTypes(Set)";
                default -> setting.builderMethod();
            };
        }

        @Override
        public String ofKeys(KeySource source) {
            return Setting.KEYS.builderMethod();
        }

        @Override
        public String acknowledgement(FindingCode code) {
            return Setting.ACKNOWLEDGE.builderMethod() + " with " + code;
        }
    };

    /** @return the name of a setting of the verifier (its primary issuer) */
    String of(Setting setting);

    /**
     * @param issuerName the {@link TrustedIssuer#name()}
     * @param setting one of {@link Setting#ISSUER}, {@link Setting#KEYS}, {@link Setting#ALGORITHMS},
     *     {@link Setting#AUDIENCES}, {@link Setting#CLOCK_SKEW}, {@link Setting#GROUPS_CLAIM},
     *     {@link Setting#GROUPS_EXCLUDE},
     *     {@link Setting#PRINCIPAL_CLAIMS}, {@link Setting#TOKEN_TYPES}, {@link Setting#REQUIRED_CLAIMS},
     *     {@link Setting#CLAIM_RULES}
     * @return the name of that setting of one more trusted issuer
     */
    String ofIssuer(String issuerName, Setting setting);

    /** @return the name of the setting that configured these keys */
    String ofKeys(KeySource source);

    /** @return how to acknowledge a finding, for example {@code jwtguard.posture.acknowledge=NO_ISSUER} */
    String acknowledgement(FindingCode code);
}

package io.jwtguard.core.verify;

/**
 * The settings of a {@link VerifierConfigBuilder}, as its errors and posture findings name them.
 * A loader that reads settings from elsewhere (for example MicroProfile Config) gives each its
 * own name through {@link SettingNames}.
 */
public enum Setting {
    /** {@link VerifierConfigBuilder#profile(Profile)} */
    PROFILE("profile(Profile)"),
    /** {@link VerifierConfigBuilder#keySource(io.jwtguard.core.keys.KeySource)} */
    KEYS("keySource(KeySource)"),
    /** {@link VerifierConfigBuilder#allowedAlgorithms(java.util.Set)} */
    ALGORITHMS("allowedAlgorithms(Set)"),
    /** {@link VerifierConfigBuilder#issuer(String)} */
    ISSUER("issuer(String)"),
    /** {@link VerifierConfigBuilder#audiences(java.util.Set)} */
    AUDIENCES("audiences(Set)"),
    /** {@link VerifierConfigBuilder#clockSkew(java.time.Duration)} */
    CLOCK_SKEW("clockSkew(Duration)"),
    /** {@link VerifierConfigBuilder#maxClockSkew(java.time.Duration)} */
    MAX_CLOCK_SKEW("maxClockSkew(Duration)"),
    /** {@link VerifierConfigBuilder#maxLifetime(java.time.Duration)} */
    MAX_LIFETIME("maxLifetime(Duration)"),
    /** {@link VerifierConfigBuilder#maxTokenAge(java.time.Duration)} */
    MAX_TOKEN_AGE("maxTokenAge(Duration)"),
    /** {@link VerifierConfigBuilder#acceptedTypes(java.util.Set)} */
    TOKEN_TYPES("acceptedTypes(Set)"),
    /** {@link VerifierConfigBuilder#tokenKindCheck(boolean)} */
    TOKEN_KIND_CHECK("tokenKindCheck(boolean)"),
    /** {@link VerifierConfigBuilder#groupsClaimPath(String)} */
    GROUPS_CLAIM("groupsClaimPath(String)"),
    /** {@link VerifierConfigBuilder#groupsExclude(java.util.List)} */
    GROUPS_EXCLUDE("groupsExclude(List)"),
    /** {@link VerifierConfigBuilder#principalClaims(java.util.List)} */
    PRINCIPAL_CLAIMS("principalClaims(List)"),
    /** {@link VerifierConfigBuilder#requiredClaims(java.util.Set)} */
    REQUIRED_CLAIMS("requiredClaims(Set)"),
    /** {@link VerifierConfigBuilder#claimRule(ClaimRule)} */
    CLAIM_RULES("claimRule(ClaimRule)"),
    /** {@link VerifierConfigBuilder#maxTokenSize(int)} */
    MAX_TOKEN_SIZE("maxTokenSize(int)"),
    /** {@link VerifierConfigBuilder#decryptionKeys(io.jwtguard.core.keys.DecryptionKeySource)} */
    DECRYPTION_KEYS("decryptionKeys(DecryptionKeySource)"),
    /** {@link VerifierConfigBuilder#keyManagementAlgorithms(java.util.Set)} */
    KEY_MANAGEMENT_ALGORITHMS("keyManagementAlgorithms(Set)"),
    /** {@link VerifierConfigBuilder#acknowledge(java.util.Set)} */
    ACKNOWLEDGE("acknowledge(Set)"),
    /** {@link VerifierConfigBuilder#verifiedTokenCache(boolean, long)} */
    CACHE("verifiedTokenCache(boolean, long)"),
    /** {@link VerifierConfigBuilder#signatureEngines(io.jwtguard.core.jose.SignatureEngines)} */
    CRYPTO_PROVIDER("signatureEngines(SignatureEngines)");

    private final String builderMethod;

    Setting(String builderMethod) {
        this.builderMethod = builderMethod;
    }

    /** @return the builder method that sets it, for example {@code issuer(String)} */
    public String builderMethod() {
        return builderMethod;
    }
}

package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Per-issuer groups claim, principal claims, required claims and accepted types: the issuer's
 * own where set, the global ones otherwise.
 */
class PerIssuerSettingsTest {
    private static final String KEYCLOAK = "https://idp.example/realms/partner";


    /** The primary issuer with global defaults, and a Keycloak-shaped second issuer. */
    private static Map<String, String> properties() {
        Map<String, String> p = TestKeys.primaryProperties();
        p.put("jwtguard.required-claims", "jti");
        p.put("jwtguard.issuers", "partner");
        p.put("jwtguard.issuers.partner.issuer", KEYCLOAK);
        p.put("jwtguard.issuers.partner.publickey", TestKeys.publicPem(TestKeys.RSA_2048_OTHER));
        p.put("jwtguard.issuers.partner.groups.claim-path", "realm_access.roles");
        p.put("jwtguard.issuers.partner.principal-claims", "email,sub");
        p.put("jwtguard.issuers.partner.required-claims", "azp");
        p.put("jwtguard.issuers.partner.token.types", "at+jwt");
        return p;
    }

    private static TokenVerifier load(Map<String, String> p) {
        return TokenVerifier.create(ConfigLoader.load(name -> Optional.ofNullable(p.get(name)), TestConfigs.CLOCK)
                .verifier());
    }

    private static String partnerToken(String typ, String claims) {
        long iat = TestConfigs.NOW.getEpochSecond() - 5;
        String json = "{\"iss\":\"" + KEYCLOAK + "\",\"sub\":\"f3a1\",\"iat\":" + iat + ",\"exp\":" + (iat + 300)
                + (claims.isEmpty() ? "" : "," + claims) + "}";
        return TokenFactory.sign("{\"alg\":\"RS256\",\"typ\":\"" + typ + "\"}", json, "RS256",
                TestKeys.RSA_2048_OTHER.getPrivate());
    }

    private static RejectionReason reason(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        return null;
    }

    @Test
    void partnerTokensUseThePartnersGroupsPrincipalAndRequiredClaims() {
        TokenVerifier verifier = load(properties());
        VerifiedToken partner = verifier.verify(partnerToken("at+jwt",
                "\"azp\":\"partner-ui\",\"email\":\"ann@partner.example\",\"realm_access\":{\"roles\":[\"buyer\"]},"
                        + "\"groups\":[\"admin\"]"));
        assertThat(partner.getName()).isEqualTo("ann@partner.example");
        assertThat(partner.getGroups()).containsExactly("buyer"); // not the top-level "groups"
        // without email, the next principal claim; without azp, refused; the global jti is not required here
        assertThat(verifier.verify(partnerToken("at+jwt", "\"azp\":\"partner-ui\"")).getName()).isEqualTo("f3a1");
        assertThat(reason(verifier, partnerToken("at+jwt", ""))).isEqualTo(RejectionReason.MISSING_CLAIM);
    }

    @Test
    void primaryTokensKeepTheGlobalSettings() {
        TokenVerifier verifier = load(properties());
        VerifiedToken primary = verifier.verify(TestConfigs.validRs256());
        assertThat(primary.getName()).isEqualTo("jdoe@example.com");
        assertThat(primary.getGroups()).containsExactlyInAnyOrder("user", "admin");
        String noJti = TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(
                TestConfigs.NOW.getEpochSecond() - 5).replace(",\"jti\":\"id-1\"", ""), "RS256",
                TestKeys.RSA_2048.getPrivate());
        assertThat(reason(verifier, noJti)).isEqualTo(RejectionReason.MISSING_CLAIM);
    }

    @Test
    void acceptedTypesArePerIssuer() {
        TokenVerifier verifier = load(properties());
        // the partner accepts only at+jwt; the primary issuer the defaults (JWT, at+jwt)
        assertThat(reason(verifier, partnerToken("JWT", "\"azp\":\"x\""))).isEqualTo(RejectionReason.TYPE_NOT_ACCEPTED);
        assertThat(reason(verifier, partnerToken("application/at+jwt", "\"azp\":\"x\""))).isNull();
        assertThat(reason(verifier, TestConfigs.validRs256())).isNull(); // typ JWT
    }

    @Test
    void principalClaimsCanBeSetGlobally() {
        Map<String, String> p = properties();
        p.put("jwtguard.principal-claims", "sub");
        assertThat(load(p).verify(TestConfigs.validRs256()).getName()).isEqualTo("user-1");
        TokenVerifier built = TokenVerifier.create(TestConfigs.rsa().principalClaims(List.of("email")).build());
        assertThat(reason(built, TestConfigs.validRs256())).isEqualTo(RejectionReason.MISSING_CLAIM);
    }

    @Test
    void invalidIssuerSettingsNameTheIssuersProperty() {
        Map<String, String> p = properties();
        p.put("jwtguard.issuers.partner.groups.claim-path", "realm_access..roles");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.partner.groups.claim-path"));
        p.put("jwtguard.issuers.partner.groups.claim-path", "roles");
        p.put("jwtguard.token.type-required", "true");
        p.put("jwtguard.issuers.partner.token.types", " , ");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.partner.token.types"));
    }

    @Test
    void invalidIssuerSettingsFromTheBuilderNameBuilderMethods() {
        assertThatThrownBy(() -> TestConfigs.rsa().trustedIssuer(TrustedIssuer.builder("partner", KEYCLOAK)
                .keySource(io.jwtguard.core.keys.StaticKeySource.of(io.jwtguard.core.keys.VerificationKey.ofPublicKey(
                        null, TestKeys.RSA_2048_OTHER.getPublic())))
                .groupsClaimPath("a..b").build()).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting())
                        .isEqualTo("trustedIssuer(TrustedIssuer 'partner').groupsClaimPath(String)"));
        assertThatThrownBy(() -> TestConfigs.rsa().principalClaims(List.of()).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("principalClaims(List)"));
        assertThatThrownBy(() -> TestConfigs.rsa().trustedIssuer(TrustedIssuer.builder("partner", KEYCLOAK)
                .keySource(io.jwtguard.core.keys.StaticKeySource.of(io.jwtguard.core.keys.VerificationKey.ofPublicKey(
                        null, TestKeys.RSA_2048_OTHER.getPublic())))
                .principalClaims(List.of(" ")).build()).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting())
                        .isEqualTo("trustedIssuer(TrustedIssuer 'partner').principalClaims(List)"));
    }
}

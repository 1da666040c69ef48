package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.Profile;
import io.jwtguard.core.verify.Severity;
import io.jwtguard.core.verify.TrustedIssuer;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.jwtguard.core.jose.JwsAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A token of another kind used as an access token (RFC 8725 section 3.11, RFC 9068 section 4):
 * an OpenID Connect ID token whose {@code aud} names the API (Keycloak can be configured so; it
 * puts {@code typ: JWT} in the header of ID and access tokens alike), or a Keycloak refresh or
 * logout token, validly signed by the trusted issuer. The header type allow-list cannot tell
 * them apart; their claims can: ID-token-only claims ({@code nonce}, {@code at_hash},
 * {@code c_hash}), a payload {@code typ} naming another kind (Keycloak: {@code ID},
 * {@code Refresh}, {@code Logout}, ...; its access tokens say {@code Bearer}) and Amazon
 * Cognito's {@code token_use}.
 */
class WrongTokenKindTest {
    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"kc-rsa\"}";
    private final TokenVerifier hardened = HostileTokens.rsaVerifier();

    /** Valid claims for the API (issuer, audience, times) plus {@code extra} members. */
    private static String claims(String extra) {
        String base = HostileTokens.claims();
        return base.substring(0, base.length() - 1) + "," + extra + "}";
    }

    private static String token(String extraClaims) {
        return HostileTokens.rs256(HEADER, claims(extraClaims));
    }

    /** An ID token as Keycloak 26 issues it, with the API added to {@code aud} by an audience mapper. */
    private static String keycloakIdToken() {
        return token("\"typ\":\"ID\",\"azp\":\"web-client\",\"nonce\":\"Dgm3-itbf_5ZSwkb-uvSYw\","
                + "\"session_state\":\"a7a51738\",\"at_hash\":\"JyMVmkVDihFu5cignwASQQ\",\"acr\":\"1\","
                + "\"sid\":\"a7a51738\",\"email_verified\":false,\"preferred_username\":\"jdoe\"");
    }

    /** An access token as Keycloak 26 issues it. */
    private static String keycloakAccessToken() {
        return token("\"typ\":\"Bearer\",\"azp\":\"web-client\",\"session_state\":\"a7a51738\",\"acr\":\"1\","
                + "\"realm_access\":{\"roles\":[\"user\"]},\"scope\":\"openid profile\",\"sid\":\"a7a51738\","
                + "\"preferred_username\":\"jdoe\"");
    }

    @Test
    void verifyWhenKeycloakIdTokenNamesTheApiAudienceThenIdTokenClaim() {
        assertRejected(hardened, keycloakIdToken(), RejectionReason.ID_TOKEN_CLAIM);
    }

    @Test
    void verifyWhenKeycloakAccessTokenThenAccepted() {
        assertAccepted(hardened, keycloakAccessToken());
    }

    @Test
    void verifyWhenPlainAccessTokenThenAccepted() {
        assertAccepted(hardened, HostileTokens.rs256(HEADER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nonce\":\"n-0S6_WzA2Mj\"", "\"at_hash\":\"77QmUPtjPfzWtF2AnpK9RQ\"",
            "\"c_hash\":\"LDktKdoQak3Pk0cnXxCltA\"", "\"nonce\":\"\"", "\"nonce\":null", "\"at_hash\":42"})
    void verifyWhenOidcIdTokenOnlyClaimPresentThenIdTokenClaim(String claim) {
        assertRejected(hardened, token(claim), RejectionReason.ID_TOKEN_CLAIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ID", "id", "Refresh", "Offline", "Logout", "Serialized-ID", "id_token", "refresh_token",
            "logout+jwt", "dpop+jwt", "", " Bearer", "Bearer ID"})
    void verifyWhenPayloadTypNamesAnotherTokenKindThenTokenKindMismatch(String typ) {
        assertRejected(hardened, token("\"typ\":\"" + typ + "\""), RejectionReason.TOKEN_KIND_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "null", "[\"Bearer\"]", "{}", "true"})
    void verifyWhenPayloadTypIsNotAStringThenTokenKindMismatch(String typJson) {
        assertRejected(hardened, token("\"typ\":" + typJson), RejectionReason.TOKEN_KIND_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "bearer", "BEARER", "DPoP", "JWT", "at+jwt", "application/at+jwt"})
    void verifyWhenPayloadTypNamesAnAccessTokenThenAccepted(String typ) {
        assertAccepted(hardened, token("\"typ\":\"" + typ + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"id\"", "\"refresh\"", "\"ID\"", "42"})
    void verifyWhenCognitoTokenUseIsNotAccessThenTokenKindMismatch(String tokenUse) {
        assertRejected(hardened, token("\"token_use\":" + tokenUse), RejectionReason.TOKEN_KIND_MISMATCH);
    }

    @Test
    void verifyWhenCognitoTokenUseIsAccessThenAccepted() {
        assertAccepted(hardened, token("\"token_use\":\"access\""));
    }

    /** Already refused by the header type allow-list, before any claim is read. */
    @ParameterizedTest
    @ValueSource(strings = {"id_token+jwt", "application/id_token+jwt", "ID_TOKEN+JWT"})
    void verifyWhenHeaderTypIsIdTokenJwtThenTypeNotAccepted(String typ) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"" + typ + "\"}";
        assertRejected(hardened, HostileTokens.rs256(header, claims("\"nonce\":\"n\"")), RejectionReason.TYPE_NOT_ACCEPTED);
        assertRejected(hardened, HostileTokens.rs256(header), RejectionReason.TYPE_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenMpCompatProfileThenIdTokensAreRefusedToo() {
        TokenVerifier mpCompat = TokenVerifier.create(TestConfigs.rsa().profile(Profile.MP_COMPAT).build());
        assertRejected(mpCompat, keycloakIdToken(), RejectionReason.ID_TOKEN_CLAIM);
        assertRejected(mpCompat, token("\"typ\":\"Refresh\""), RejectionReason.TOKEN_KIND_MISMATCH);
        assertAccepted(mpCompat, keycloakAccessToken());
    }

    @Test
    void verifyWhenAdditionalIssuerSendsIdTokenThenIdTokenClaim() {
        String other = "https://other.example";
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa()
                .trustedIssuer(TrustedIssuer.builder("other", other)
                        .keySource(StaticKeySource.of(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048_OTHER.getPublic())))
                        .audiences(Set.of(TokenFactory.AUDIENCE)).clockSkew(Duration.ofSeconds(30)).build())
                .build());
        String idClaims = claims("\"typ\":\"ID\",\"nonce\":\"n\"").replace(TokenFactory.ISSUER, other);
        String accessClaims = claims("\"typ\":\"Bearer\"").replace(TokenFactory.ISSUER, other);

        assertRejected(verifier, HostileTokens.sign(HEADER, idClaims, "RS256", TestKeys.RSA_2048_OTHER.getPrivate()),
                RejectionReason.ID_TOKEN_CLAIM);
        assertAccepted(verifier, HostileTokens.sign(HEADER, accessClaims, "RS256", TestKeys.RSA_2048_OTHER.getPrivate()));
    }

    /** The documented opt-out, for deployments whose access tokens carry such claims for other reasons. */
    @Test
    void verifyWhenTokenKindCheckTurnedOffThenIdTokenClaimsAreNotLookedAt() {
        TokenVerifier lenient = TokenVerifier.create(TestConfigs.rsa().tokenKindCheck(false).build());
        assertAccepted(lenient, keycloakIdToken());
        assertThat(lenient.config().tokenKindCheck()).isFalse();
        assertThat(lenient.config().posture().findings()).anyMatch(f -> f.code() == FindingCode.TOKEN_KIND_UNCHECKED
                && f.severity() == Severity.WARNING);
        assertThat(hardened.config().tokenKindCheck()).isTrue();
    }

    @Test
    void loadWhenTokenKindCheckPropertySetThenHonouredAndValidated() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestKeys.RSA_2048.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        Map<String, String> base = Map.of("mp.jwt.verify.publickey", pem, "mp.jwt.verify.issuer", TokenFactory.ISSUER,
                "mp.jwt.verify.audiences", TokenFactory.AUDIENCE);
        assertThat(ConfigLoader.load(name -> Optional.ofNullable(base.get(name)), TestConfigs.CLOCK).verifier()
                .tokenKindCheck()).isTrue();
        Map<String, String> off = new java.util.HashMap<>(base);
        off.put("jwtguard.token.kind-check", "false");
        assertThat(ConfigLoader.load(name -> Optional.ofNullable(off.get(name)), TestConfigs.CLOCK).verifier()
                .tokenKindCheck()).isFalse();
        off.put("jwtguard.token.kind-check", "sometimes");
        assertThatThrownBy(() -> ConfigLoader.load(name -> Optional.ofNullable(off.get(name)), TestConfigs.CLOCK))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo("jwtguard.token.kind-check"));
    }
}

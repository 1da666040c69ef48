package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.JwksTestServer;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultiIssuerTest {
    private static final String OTHER = "https://other.example";
    private static final KeyPair PRIMARY_KEY = TestKeys.RSA_2048;
    private static final KeyPair OTHER_KEY = TestKeys.RSA_2048_OTHER;

    private static TokenVerifier verifier(Set<String> otherAudiences, Set<JwsAlgorithm> otherAlgorithms) {
        return TokenVerifier.create(TestConfigs.rsa()
                .trustedIssuer(TrustedIssuer.builder("other", OTHER)
                        .keySource(StaticKeySource.of(VerificationKey.ofPublicKey(null, OTHER_KEY.getPublic())))
                        .allowedAlgorithms(otherAlgorithms).audiences(otherAudiences).clockSkew(Duration.ofSeconds(30))
                        .build())
                .build());
    }

    private static TokenVerifier verifier() {
        return verifier(Set.of(TokenFactory.AUDIENCE), EnumSet.of(JwsAlgorithm.RS256));
    }

    private static String token(String issuerJson, KeyPair signer) {
        String claims = TokenFactory.claims(TestConfigs.NOW.getEpochSecond() - 5)
                .replace("\"iss\":\"" + TokenFactory.ISSUER + "\"", "\"iss\":" + issuerJson);
        return TokenFactory.sign(TokenFactory.header("RS256"), claims, "RS256", signer.getPrivate());
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void verifyWhenEachIssuerSignsWithItsOwnKeyThenBothAccepted() {
        TokenVerifier verifier = verifier();
        assertThat(verifier.verify(token("\"" + TokenFactory.ISSUER + "\"", PRIMARY_KEY)).getIssuer())
                .isEqualTo(TokenFactory.ISSUER);
        assertThat(verifier.verify(token("\"" + OTHER + "\"", OTHER_KEY)).getIssuer()).isEqualTo(OTHER);
    }

    @Test
    void verifyWhenIssuerClaimsOtherIssuersKeyThenInvalidSignature() {
        TokenVerifier verifier = verifier();
        assertRejected(verifier, token("\"" + OTHER + "\"", PRIMARY_KEY), RejectionReason.INVALID_SIGNATURE);
        assertRejected(verifier, token("\"" + TokenFactory.ISSUER + "\"", OTHER_KEY), RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenIssuerUnknownOrNotExactThenIssuerMismatch() {
        TokenVerifier verifier = verifier();
        assertRejected(verifier, token("\"https://evil.example\"", OTHER_KEY), RejectionReason.ISSUER_MISMATCH);
        assertRejected(verifier, token("\"" + OTHER + "/\"", OTHER_KEY), RejectionReason.ISSUER_MISMATCH);
        assertRejected(verifier, token("\"HTTPS://OTHER.EXAMPLE\"", OTHER_KEY), RejectionReason.ISSUER_MISMATCH);
        assertRejected(verifier, token("42", OTHER_KEY), RejectionReason.ISSUER_MISMATCH);
    }

    @Test
    void verifyWhenIssuerMissingThenMissingClaim() {
        String claims = TokenFactory.claims(TestConfigs.NOW.getEpochSecond())
                .replace("\"iss\":\"" + TokenFactory.ISSUER + "\",", "");
        assertRejected(verifier(), TokenFactory.sign(TokenFactory.header("RS256"), claims, "RS256",
                OTHER_KEY.getPrivate()), RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenIssuerIsAJwksUrlThenItIsNeverFetched() throws Exception {
        try (JwksTestServer attacker = new JwksTestServer()) {
            attacker.serve(JwksTestServer.jwks("evil", TestKeys.RSA_2048_OTHER.getPublic()));
            assertRejected(verifier(), token("\"" + attacker.uri() + "\"", OTHER_KEY), RejectionReason.ISSUER_MISMATCH);
            assertThat(attacker.requests()).isZero();
        }
    }

    @Test
    void verifyWhenPerIssuerAudienceDiffersThenEnforcedPerIssuer() {
        TokenVerifier verifier = verifier(Set.of("billing-api"), EnumSet.of(JwsAlgorithm.RS256));
        assertRejected(verifier, token("\"" + OTHER + "\"", OTHER_KEY), RejectionReason.AUDIENCE_MISMATCH);
        verifier.verify(token("\"" + TokenFactory.ISSUER + "\"", PRIMARY_KEY));
    }

    @Test
    void verifyWhenPerIssuerAlgorithmsExcludeTheTokensThenAlgorithmNotAllowed() {
        TokenVerifier verifier = verifier(Set.of(TokenFactory.AUDIENCE), EnumSet.of(JwsAlgorithm.PS256));
        assertRejected(verifier, token("\"" + OTHER + "\"", OTHER_KEY), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void buildWhenSameIssuerTwiceThenConfigurationError() {
        assertThatThrownBy(() -> TestConfigs.rsa().trustedIssuer(TrustedIssuer.builder("dup", TokenFactory.ISSUER)
                .keySource(StaticKeySource.of(VerificationKey.ofPublicKey(null, OTHER_KEY.getPublic())))
                .clockSkew(Duration.ZERO).build()).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("trustedIssuer(TrustedIssuer 'dup').issuer(String)"));
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static Map<String, String> baseProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("mp.jwt.verify.publickey", pem(PRIMARY_KEY.getPublic()));
        p.put("mp.jwt.verify.issuer", TokenFactory.ISSUER);
        p.put("mp.jwt.verify.audiences", TokenFactory.AUDIENCE);
        p.put("jwtguard.issuers", "other");
        p.put("jwtguard.issuers.other.issuer", OTHER);
        p.put("jwtguard.issuers.other.publickey", pem(OTHER_KEY.getPublic()));
        p.put("jwtguard.issuers.other.audiences", "billing-api," + TokenFactory.AUDIENCE);
        p.put("jwtguard.issuers.other.algorithms", "RS256");
        return p;
    }

    private static TokenVerifier load(Map<String, String> properties) {
        return TokenVerifier.create(ConfigLoader.load(name -> Optional.ofNullable(properties.get(name)),
                TestConfigs.CLOCK).verifier());
    }

    @Test
    void loadWhenIssuersConfiguredThenEachVerifiesItsTokens() {
        TokenVerifier verifier = load(baseProperties());
        verifier.verify(token("\"" + OTHER + "\"", OTHER_KEY));
        verifier.verify(token("\"" + TokenFactory.ISSUER + "\"", PRIMARY_KEY));
        assertRejected(verifier, token("\"" + OTHER + "\"", PRIMARY_KEY), RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void loadWhenListedIssuerLacksIssuerValueThenErrorNamesProperty() {
        Map<String, String> p = baseProperties();
        p.remove("jwtguard.issuers.other.issuer");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.other.issuer"));
    }

    @Test
    void loadWhenListedIssuerLacksKeysThenErrorNamesProperty() {
        Map<String, String> p = baseProperties();
        p.remove("jwtguard.issuers.other.publickey");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.other.publickey.location"));
    }

    @Test
    void loadWhenIssuerKeysOverPlainHttpToRemoteHostThenRefused() {
        Map<String, String> p = baseProperties();
        p.remove("jwtguard.issuers.other.publickey");
        p.put("jwtguard.issuers.other.publickey.location", "http://idp.example/jwks");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo("jwtguard.issuers.other.publickey.location");
            assertThat(e.getMessage()).contains("https");
        });
    }

    @Test
    void loadWhenJwksSettingsMalformedThenErrorNamesProperty() {
        Map<String, String> p = baseProperties();
        p.put("jwtguard.jwks.stale-if-error", "soon");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.jwks.stale-if-error"));
    }

    @Test
    void loadWhenRemoteJwksConfiguredThenFetchedLazilyAndUsed() throws Exception {
        try (JwksTestServer server = new JwksTestServer()) {
            server.serve(JwksTestServer.jwks("k1", OTHER_KEY.getPublic()));
            Map<String, String> p = baseProperties();
            p.remove("jwtguard.issuers.other.publickey");
            p.put("jwtguard.issuers.other.publickey.location", server.uri().toString());
            TokenVerifier verifier = load(p);
            assertThat(server.requests()).isZero();
            String token = TokenFactory.sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}",
                    TokenFactory.claims(TestConfigs.NOW.getEpochSecond()).replace(TokenFactory.ISSUER, OTHER),
                    "RS256", OTHER_KEY.getPrivate());
            verifier.verify(token);
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}

package io.jwtguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test kit's tokens as JWT Guard itself verifies them, configured only by what the kit says. */
class TestIssuerTest {
    private static TokenVerifier verifier(Map<String, String> config) {
        LoadedConfiguration loaded = ConfigLoader.load(name -> Optional.ofNullable(config.get(name)));
        return TokenVerifier.create(loaded.verifier());
    }

    private static RejectionReason reason(TokenVerifier verifier, String token) {
        TokenRejectedException e = catchThrowableOfType(() -> verifier.verify(token), TokenRejectedException.class);
        return e == null ? null : e.reason();
    }

    @Test
    void everyAlgorithmsTokenVerifiesWithTheConfigurationTheIssuerGives() {
        TestIssuer issuer = TestIssuer.create();
        String rs = issuer.token().subject("alice").groups("admin").sign();
        String es = issuer.token().algorithm(SigningAlgorithm.ES256).sign();
        String ed = issuer.token().algorithm(SigningAlgorithm.EDDSA).sign();
        Map<String, String> config = new HashMap<>(issuer.mpConfig());
        config.put("jwtguard.algorithms", "RS256,ES256,EdDSA");
        TokenVerifier verifier = verifier(config);
        assertThat(verifier.verify(rs).getName()).isEqualTo("alice");
        assertThat(verifier.verify(rs).getGroups()).containsExactly("admin");
        assertThat(verifier.verify(es).getName()).isEqualTo("user-1");
        assertThat(verifier.verify(ed).getName()).isEqualTo("user-1");
    }

    @Test
    void hmacTokenVerifiesWithTheIssuersSecret() {
        TestIssuer issuer = TestIssuer.create();
        String hs = issuer.token().algorithm(SigningAlgorithm.HS256).sign();
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.issuer", issuer.issuer());
        config.put("mp.jwt.verify.audiences", issuer.audience());
        config.put("jwtguard.hmac.secret", "base64url:" + issuer.hmacSecretBase64Url());
        config.put("jwtguard.algorithms", "HS256");
        assertThat(verifier(config).verify(hs).getName()).isEqualTo("user-1");
        assertThat(issuer.jwks()).doesNotContain(issuer.hmacSecretBase64Url()); // secrets are never published
    }

    @Test
    void shortcutsMakeTheUsualBadTokensAndEachIsRefusedForItsReason() {
        TestIssuer issuer = TestIssuer.create();
        TokenVerifier verifier = verifier(issuer.mpConfig());
        assertThat(reason(verifier, issuer.token().sign())).isNull();
        assertThat(reason(verifier, issuer.token().expired().sign())).isEqualTo(RejectionReason.EXPIRED);
        assertThat(reason(verifier, issuer.token().notYetValid().sign())).isEqualTo(RejectionReason.NOT_YET_VALID);
        assertThat(reason(verifier, issuer.token().wrongIssuer().sign())).isEqualTo(RejectionReason.ISSUER_MISMATCH);
        assertThat(reason(verifier, issuer.token().wrongAudience().sign())).isEqualTo(RejectionReason.AUDIENCE_MISMATCH);
        assertThat(reason(verifier, issuer.token().tampered().sign())).isEqualTo(RejectionReason.INVALID_SIGNATURE);
        assertThat(reason(verifier, issuer.token().kid("nobody").sign())).isEqualTo(RejectionReason.NO_MATCHING_KEY);
        assertThat(reason(verifier, TestIssuer.create().token().sign())) // another run's keys
                .isEqualTo(RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void issuerClockDecidesNowForAFixedClockVerifier() {
        java.time.Instant then = java.time.Instant.parse("2030-01-01T00:00:00Z");
        TestIssuer issuer = TestIssuer.create("https://a.test", "api", java.time.Clock.fixed(then, java.time.ZoneOffset.UTC));
        TokenVerifier verifier = TokenVerifier.create(ConfigLoader.load(
                name -> Optional.ofNullable(issuer.mpConfig().get(name)), issuer.clock()).verifier());
        assertThat(reason(verifier, issuer.token().sign())).isNull();
        assertThat(reason(verifier, issuer.token().expired().sign())).isEqualTo(RejectionReason.EXPIRED);
        // a token issued at another time than the issuer's clock says: four years before the verifier's now
        assertThat(reason(verifier, issuer.token().issuedAt(then.minus(java.time.Duration.ofDays(4 * 365))).sign()))
                .isEqualTo(RejectionReason.EXPIRED);
        assertThat(reason(verifier, issuer.token().issuedAt(then.plus(java.time.Duration.ofHours(1))).sign()))
                .isEqualTo(RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void jwksServerPublishesRotationsAndRetirements() {
        TestIssuer issuer = TestIssuer.create();
        try (JwksServer server = issuer.jwksServer()) {
            TokenVerifier verifier = verifier(issuer.mpConfig(server));
            String before = issuer.token().sign();
            assertThat(reason(verifier, before)).isNull();
            String kid = issuer.rotate(SigningAlgorithm.RS256);
            String after = issuer.token().sign();
            assertThat(after).isNotEqualTo(before);
            assertThat(reason(verifier, after)).isNull(); // picked up by the unknown-kid refresh
            assertThat(reason(verifier, before)).isNull(); // the old key is still published
            assertThat(issuer.retire("rs256-1")).isTrue();
            assertThat(issuer.jwks()).contains(kid).doesNotContain("\"rs256-1\"");
            assertThat(server.requests()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void propertiesTextEscapesTheInlineKeySet() {
        String text = TestIssuer.asProperties(Map.of("mp.jwt.verify.issuer", "https://a", "x", "a\\b\nc"));
        assertThat(text).contains("mp.jwt.verify.issuer=https://a").contains("x=a\\\\b\\nc");
        assertThat(TestIssuer.create().toString()).doesNotContain("\"d\"").doesNotContain("BEGIN");
    }

    @Nested
    @ExtendWith(JwtGuardExtension.class)
    class WithTheExtension {
        @Test
        void issuerAndServerAreInjectedAndTheServerServesTheIssuersKeys(TestIssuer issuer, JwksServer server) {
            TokenVerifier verifier = verifier(issuer.mpConfig(server));
            assertThat(verifier.verify(issuer.token().groups("user").sign()).getGroups()).containsExactly("user");
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void theApplicationsOwnKeyPairSignsTokensItsPublicKeyAcceptsAndAForeignKeyTypeIsRefused() throws Exception {
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair appKey = ec.generateKeyPair();
        TestIssuer issuer = TestIssuer.create("urn:app", "app-api");
        issuer.useKeyPair(SigningAlgorithm.ES256, appKey, "app-1");
        String token = issuer.token().algorithm(SigningAlgorithm.ES256).subject("alice").sign();

        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.issuer", "urn:app");
        config.put("mp.jwt.verify.audiences", "app-api");
        config.put("mp.jwt.verify.publickey", java.util.Base64.getEncoder().encodeToString(appKey.getPublic().getEncoded()));
        config.put("mp.jwt.verify.publickey.algorithm", "ES256");
        assertThat(verifier(config).verify(token).getName()).isEqualTo("alice");

        java.security.KeyPair other = ec.generateKeyPair();
        config.put("mp.jwt.verify.publickey", java.util.Base64.getEncoder().encodeToString(other.getPublic().getEncoded()));
        assertThat(reason(verifier(config), token)).isEqualTo(RejectionReason.INVALID_SIGNATURE);

        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> issuer.useKeyPair(SigningAlgorithm.ES256,
                rsa.generateKeyPair(), "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA");
    }
}

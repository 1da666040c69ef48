package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.LogCapture;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Application claim rules: builder, configuration, per issuer, cache hits, failures. */
class ApplicationClaimRulesTest {
    private static final String OTHER = "https://other.example";

    private static String token(String extraClaims) {
        return token(TokenFactory.ISSUER, extraClaims, TestKeys.RSA_2048);
    }

    private static String token(String issuer, String extraClaims, KeyPair signer) {
        String claims = TokenFactory.claims(TestConfigs.NOW.getEpochSecond() - 5)
                .replace("\"iss\":\"" + TokenFactory.ISSUER + "\"", "\"iss\":\"" + issuer + "\"");
        if (!extraClaims.isEmpty()) {
            claims = claims.substring(0, claims.length() - 1) + "," + extraClaims + "}";
        }
        return TokenFactory.sign(TokenFactory.header("RS256"), claims, "RS256", signer.getPrivate());
    }

    private static TokenRejectedException rejection(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
        } catch (TokenRejectedException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }

    private static final ClaimRule TENANT = ClaimRule.oneOf("tenant", "tid", Set.of("acme"));

    @Test
    void ruleFromBuilderRefusesWithCustomRuleAndItsCodeAndAcceptsTheLegitimateToken() {
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().claimRule(TENANT).build());
        TokenRejectedException refused = rejection(verifier, token("\"tid\":\"evil\""));
        assertThat(refused.reason()).isEqualTo(RejectionReason.CUSTOM_RULE);
        assertThat(refused.ruleCode()).contains("tenant");
        assertThat(refused.reason().httpStatus()).isEqualTo(401);
        assertThat(refused.reason().errorCode()).isEqualTo(BearerErrorCode.INVALID_TOKEN);
        assertThat(rejection(verifier, token("")).ruleCode()).contains("tenant"); // claim missing
        assertThat(verifier.verify(token("\"tid\":\"acme\"")).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void builtInRefusalsCarryNoRuleCode() {
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().claimRule(TENANT).build());
        String wrongAudience = token("\"tid\":\"acme\"").replace("x", "y"); // tampered: signature fails
        TokenRejectedException refused = rejection(verifier, wrongAudience);
        assertThat(refused.reason()).isNotEqualTo(RejectionReason.CUSTOM_RULE);
        assertThat(refused.ruleCode()).isEmpty();
    }

    @Test
    void ruleRunsAgainOnEveryCacheHitAndARefusedTokenIsNeverCached() {
        Set<String> allowed = new CopyOnWriteArraySet<>(Set.of("acme"));
        AtomicInteger runs = new AtomicInteger();
        ClaimRule tenant = (claims, now) -> {
            runs.incrementAndGet();
            if (!allowed.contains(claims.getString("tid", ""))) {
                throw ClaimRule.failure("tenant", "tenant not allowed");
            }
        };
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().claimRule(tenant).build());
        String acme = token("\"tid\":\"acme\"");
        verifier.verify(acme);
        verifier.verify(acme);
        assertThat(verifier.cachedTokenCount()).isEqualTo(1);
        assertThat(runs).hasValue(2); // once on the full verification, once on the hit

        allowed.remove("acme"); // the tenant is offboarded: the cached token stops working at once
        assertThat(rejection(verifier, acme).ruleCode()).contains("tenant");

        String beta = token("\"tid\":\"beta\"");
        rejection(verifier, beta);
        assertThat(verifier.cachedTokenCount()).isEqualTo(1); // only acme's entry
    }

    @Test
    void ruleThatThrowsUnexpectedlyRefusesTheTokenAndWarnsOnceWithoutTheMessage() {
        ClaimRule buggy = (claims, now) -> {
            throw new IllegalStateException("secret-ish detail " + claims.getString("tid", ""));
        };
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().claimRule(buggy).build());
        try (LogCapture log = LogCapture.of(ApplicationRule.class.getName())) {
            assertThat(rejection(verifier, token("\"tid\":\"acme\"")).ruleCode()).contains("rule-error");
            assertThat(rejection(verifier, token("\"tid\":\"acme2\"")).ruleCode()).contains("rule-error");
            assertThat(log.warnings()).hasSize(1);
            assertThat(log.warnings().get(0)).contains("IllegalStateException").doesNotContain("secret-ish");
        }
    }

    @Test
    void ruleMayRefuseWithABuiltInReasonAndEveryBuiltInReasonIsInvalidToken() {
        ClaimRule needsEmail = (claims, now) -> {
            if (!claims.containsKey("email")) {
                throw new TokenRejectedException(RejectionReason.MISSING_CLAIM, "'email' is missing");
            }
        };
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().claimRule(needsEmail).build());
        TokenRejectedException refused = rejection(verifier, token(""));
        assertThat(refused.reason()).isEqualTo(RejectionReason.MISSING_CLAIM);
        assertThat(refused.ruleCode()).isEmpty();
        verifier.verify(token("\"email\":\"a@b.example\""));
        // so no rule can turn a bad token into a 400 or a 403
        assertThat(RejectionReason.values()).allMatch(r -> r.errorCode() == BearerErrorCode.INVALID_TOKEN);
    }

    @Test
    void ruleThatCannotDecideBecauseItsSourceIsDownAnswersUnavailable() {
        ClaimRule directory = (claims, now) -> {
            throw new VerificationUnavailableException(VerificationUnavailableException.Source.APPLICATION_RULE,
                    "the tenant directory is down", null);
        };
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().claimRule(directory).build());
        assertThatThrownBy(() -> verifier.verify(token(""))).isInstanceOf(VerificationUnavailableException.class);
    }

    @Test
    void oneOfAcceptsStringsArraysAndNestedPaths() {
        TokenVerifier acr = TokenVerifier.create(TestConfigs.rsa()
                .claimRule(ClaimRule.oneOf("mfa", "amr", Set.of("mfa", "hwk")))
                .claimRule(ClaimRule.oneOf("org", "org.id", Set.of("o1")))
                .build());
        acr.verify(token("\"amr\":[\"pwd\",\"hwk\"],\"org\":{\"id\":\"o1\"}"));
        assertThat(rejection(acr, token("\"amr\":[\"pwd\"],\"org\":{\"id\":\"o1\"}")).ruleCode()).contains("mfa");
        assertThat(rejection(acr, token("\"amr\":\"mfa\",\"org\":\"o1\"")).ruleCode()).contains("org");
        assertThat(rejection(acr, token("\"amr\":[1,true],\"org\":{\"id\":\"o1\"}")).ruleCode()).contains("mfa");
    }

    @Test
    void ruleCodesAreBoundedAndPrintable() {
        assertThatThrownBy(() -> ClaimRule.failure("bad code", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimRule.failure("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimRule.failure("a".repeat(65), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimRule.failure("tenant\r\nx", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenRejectedException(RejectionReason.CUSTOM_RULE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ClaimRule.failure("acr.level-2_b", "x").ruleCode()).contains("acr.level-2_b");
    }

    @Test
    void issuerRulesApplyToThatIssuerOnlyAndGlobalRulesToAll() {
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa()
                .claimRule(ClaimRule.require("has-jti", claims -> claims.containsKey("jti")))
                .trustedIssuer(TrustedIssuer.builder("other", OTHER)
                        .keySource(StaticKeySource.of(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048_OTHER.getPublic())))
                        .claimRule(ClaimRule.oneOf("partner-azp", "azp", Set.of("partner-ui")))
                        .build())
                .build());
        verifier.verify(token("")); // the primary issuer has no azp rule
        assertThat(rejection(verifier, token(OTHER, "", TestKeys.RSA_2048_OTHER)).ruleCode()).contains("partner-azp");
        verifier.verify(token(OTHER, "\"azp\":\"partner-ui\"", TestKeys.RSA_2048_OTHER));
        String noJti = TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(
                TestConfigs.NOW.getEpochSecond() - 5).replace(",\"jti\":\"id-1\"", ""), "RS256",
                TestKeys.RSA_2048.getPrivate());
        assertThat(rejection(verifier, noJti).ruleCode()).contains("has-jti");
    }


    private static Map<String, String> properties() {
        return TestKeys.primaryProperties();
    }

    private static TokenVerifier load(Map<String, String> properties) {
        return TokenVerifier.create(ConfigLoader.load(name -> Optional.ofNullable(properties.get(name)),
                TestConfigs.CLOCK).verifier());
    }

    @Test
    void rulesFromConfigurationGlobalAndPerIssuer() {
        Map<String, String> p = properties();
        p.put("jwtguard.claim-rules", "tenant");
        p.put("jwtguard.claim-rules.tenant.claim", "tid");
        p.put("jwtguard.claim-rules.tenant.one-of", "acme, beta");
        p.put("jwtguard.issuers", "other");
        p.put("jwtguard.issuers.other.issuer", OTHER);
        p.put("jwtguard.issuers.other.publickey", TestKeys.publicPem(TestKeys.RSA_2048_OTHER));
        p.put("jwtguard.issuers.other.claim-rules", "loa");
        p.put("jwtguard.issuers.other.claim-rules.loa.claim", "acr");
        p.put("jwtguard.issuers.other.claim-rules.loa.one-of", "2,3");
        TokenVerifier verifier = load(p);
        verifier.verify(token("\"tid\":\"beta\""));
        assertThat(rejection(verifier, token("\"tid\":\"gamma\"")).ruleCode()).contains("tenant");
        verifier.verify(token(OTHER, "\"tid\":\"acme\",\"acr\":\"3\"", TestKeys.RSA_2048_OTHER));
        assertThat(rejection(verifier, token(OTHER, "\"tid\":\"acme\",\"acr\":\"1\"", TestKeys.RSA_2048_OTHER))
                .ruleCode()).contains("loa");
        assertThat(rejection(verifier, token(OTHER, "\"acr\":\"3\"", TestKeys.RSA_2048_OTHER)).ruleCode())
                .contains("tenant");
    }

    @Test
    void badRuleConfigurationNamesThePropertyAndTheFix() {
        Map<String, String> p = properties();
        p.put("jwtguard.claim-rules", "tenant");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo("jwtguard.claim-rules.tenant.claim");
            assertThat(e.getMessage()).contains("set jwtguard.claim-rules.tenant.claim");
        });
        p.put("jwtguard.claim-rules.tenant.claim", "tid");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.claim-rules.tenant.one-of"));
        p.put("jwtguard.claim-rules.tenant.one-of", "acme");
        p.put("jwtguard.claim-rules.tenant.claim", "org..id");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.claim-rules.tenant.claim"));
        p.put("jwtguard.claim-rules", "ten ant");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.claim-rules"));
    }
}

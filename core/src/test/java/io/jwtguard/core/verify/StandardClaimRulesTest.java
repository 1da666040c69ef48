package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.jose.StrictJson;
import io.jwtguard.core.testing.TestConfigs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import io.jwtguard.core.testing.TokenFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of {@link StandardClaimRules} on its own: the pass case, every failure reason, the boundaries. */
class StandardClaimRulesTest {
    private static final Instant NOW = TestConfigs.NOW;
    private static final long T = NOW.getEpochSecond();
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration HOUR = Duration.ofHours(1);

    // stringTypes

    @Test
    void stringTypesWhenRegisteredStringClaimsAreStringsThenPasses() {
        assertPasses(StandardClaimRules.stringTypes(), "{\"iss\":\"i\",\"sub\":\"s\",\"jti\":\"j\",\"upn\":\"u\","
                + "\"preferred_username\":\"p\",\"other\":5}");
    }

    @Test
    void stringTypesWhenRegisteredStringClaimsAbsentThenPasses() {
        assertPasses(StandardClaimRules.stringTypes(), "{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "sub", "jti", "upn", "preferred_username"})
    void stringTypesWhenClaimNotAStringThenInvalidClaim(String claim) {
        for (String raw : List.of("1", "true", "null", "[\"x\"]", "{\"x\":\"y\"}")) {
            assertFails(StandardClaimRules.stringTypes(), "{\"" + claim + "\":" + raw + "}", RejectionReason.INVALID_CLAIM);
        }
    }

    // expiration

    @Test
    void expirationWhenExpInFutureThenPasses() {
        assertPasses(StandardClaimRules.expiration(SKEW), "{\"exp\":" + (T + 60) + "}");
    }

    @Test
    void expirationWhenExpExactlyAtNowMinusSkewThenExpired() {
        assertFails(StandardClaimRules.expiration(SKEW), "{\"exp\":" + (T - 30) + "}", RejectionReason.EXPIRED);
    }

    @Test
    void expirationWhenExpOneSecondAfterNowMinusSkewThenPasses() {
        assertPasses(StandardClaimRules.expiration(SKEW), "{\"exp\":" + (T - 29) + "}");
    }

    @Test
    void expirationWhenNoSkewAndExpExactlyNowThenExpired() {
        assertFails(StandardClaimRules.expiration(Duration.ZERO), "{\"exp\":" + T + "}", RejectionReason.EXPIRED);
        assertPasses(StandardClaimRules.expiration(Duration.ZERO), "{\"exp\":" + (T + 1) + "}");
    }

    @Test
    void expirationWhenExpLongPastThenExpired() {
        assertFails(StandardClaimRules.expiration(SKEW), "{\"exp\":" + (T - 86_400) + "}", RejectionReason.EXPIRED);
    }

    @Test
    void expirationWhenExpMissingThenMissingClaim() {
        assertFails(StandardClaimRules.expiration(SKEW), "{\"iat\":" + T + "}", RejectionReason.MISSING_CLAIM);
    }

    @Test
    void expirationWhenExpWrongTypeThenInvalidClaim() {
        assertFails(StandardClaimRules.expiration(SKEW), "{\"exp\":\"" + (T + 60) + "\"}", RejectionReason.INVALID_CLAIM);
    }

    // notBefore

    @Test
    void notBeforeWhenNbfAbsentThenPasses() {
        assertPasses(StandardClaimRules.notBefore(SKEW), "{}");
    }

    @Test
    void notBeforeWhenNbfInPastThenPasses() {
        assertPasses(StandardClaimRules.notBefore(SKEW), "{\"nbf\":" + (T - 60) + "}");
    }

    @Test
    void notBeforeWhenNbfExactlyAtNowPlusSkewThenPasses() {
        assertPasses(StandardClaimRules.notBefore(SKEW), "{\"nbf\":" + (T + 30) + "}");
    }

    @Test
    void notBeforeWhenNbfOneSecondAfterNowPlusSkewThenNotYetValid() {
        assertFails(StandardClaimRules.notBefore(SKEW), "{\"nbf\":" + (T + 31) + "}", RejectionReason.NOT_YET_VALID);
    }

    @Test
    void notBeforeWhenNoSkewAndNbfExactlyNowThenPasses() {
        assertPasses(StandardClaimRules.notBefore(Duration.ZERO), "{\"nbf\":" + T + "}");
        assertFails(StandardClaimRules.notBefore(Duration.ZERO), "{\"nbf\":" + (T + 1) + "}",
                RejectionReason.NOT_YET_VALID);
    }

    @Test
    void notBeforeWhenNbfWrongTypeThenInvalidClaim() {
        assertFails(StandardClaimRules.notBefore(SKEW), "{\"nbf\":true}", RejectionReason.INVALID_CLAIM);
    }

    // issuedAt

    @Test
    void issuedAtWhenIatInPastAndLifetimeWithinMaxThenPasses() {
        assertPasses(StandardClaimRules.issuedAt(SKEW, HOUR, null), times(T - 10, T + 290));
    }

    @Test
    void issuedAtWhenIatExactlyAtNowPlusSkewThenPasses() {
        assertPasses(StandardClaimRules.issuedAt(SKEW, HOUR, null), times(T + 30, T + 330));
    }

    @Test
    void issuedAtWhenIatOneSecondAfterNowPlusSkewThenIssuedInFuture() {
        assertFails(StandardClaimRules.issuedAt(SKEW, HOUR, null), times(T + 31, T + 331),
                RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void issuedAtWhenIatInFutureAndNoLimitsThenIssuedInFuture() {
        assertFails(StandardClaimRules.issuedAt(SKEW, null, null), times(T + 31, T + 331),
                RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void issuedAtWhenLifetimeEqualsMaxThenPasses() {
        assertPasses(StandardClaimRules.issuedAt(SKEW, HOUR, null), times(T - 10, T - 10 + 3_600));
    }

    @Test
    void issuedAtWhenLifetimeOneSecondOverMaxThenLifetimeExceeded() {
        assertFails(StandardClaimRules.issuedAt(SKEW, HOUR, null), times(T - 10, T - 10 + 3_601),
                RejectionReason.LIFETIME_EXCEEDED);
    }

    @Test
    void issuedAtWhenLifetimeUnboundedThenLongLifetimePasses() {
        assertPasses(StandardClaimRules.issuedAt(SKEW, null, null), times(T - 10, T + 10L * 365 * 86_400));
    }

    @Test
    void issuedAtWhenExpAbsentThenLifetimeNotJudgedHere() {
        // the expiration rule owns the missing exp; this rule must not fail on it
        assertPasses(StandardClaimRules.issuedAt(SKEW, HOUR, null), "{\"iat\":" + (T - 10) + "}");
    }

    @Test
    void issuedAtWhenIatMissingAndLifetimeBoundedThenMissingClaim() {
        assertFails(StandardClaimRules.issuedAt(SKEW, HOUR, null), "{\"exp\":" + (T + 60) + "}",
                RejectionReason.MISSING_CLAIM);
    }

    @Test
    void issuedAtWhenIatMissingAndAgeLimitedThenMissingClaim() {
        assertFails(StandardClaimRules.issuedAt(SKEW, null, Duration.ofMinutes(5)), "{\"exp\":" + (T + 60) + "}",
                RejectionReason.MISSING_CLAIM);
    }

    @Test
    void issuedAtWhenIatMissingAndNoLimitsThenPasses() {
        assertPasses(StandardClaimRules.issuedAt(SKEW, null, null), "{\"exp\":" + (T + 60) + "}");
    }

    @Test
    void issuedAtWhenAgeEqualsMaxThenPasses() {
        assertPasses(StandardClaimRules.issuedAt(SKEW, null, Duration.ofSeconds(60)), times(T - 60, T + 60));
    }

    @Test
    void issuedAtWhenAgeOneSecondOverMaxThenTooOldWhateverTheSkew() {
        // the age limit is itself the tolerance (MP-JWT TCK TokenAgeTest): no skew on top
        assertFails(StandardClaimRules.issuedAt(SKEW, null, Duration.ofSeconds(60)), times(T - 61, T + 60),
                RejectionReason.TOO_OLD);
    }

    @Test
    void issuedAtWhenIatWrongTypeThenInvalidClaim() {
        assertFails(StandardClaimRules.issuedAt(SKEW, HOUR, null), "{\"iat\":[1],\"exp\":" + (T + 60) + "}",
                RejectionReason.INVALID_CLAIM);
    }

    // issuer

    @Test
    void issuerWhenExactThenPasses() {
        assertPasses(StandardClaimRules.issuer("https://idp.example/realms/a"), "{\"iss\":\"https://idp.example/realms/a\"}");
    }

    @Test
    void issuerWhenDifferentThenIssuerMismatch() {
        for (String iss : List.of("https://idp.example/realms/b", "https://idp.example/realms/a/",
                "HTTPS://IDP.EXAMPLE/realms/a", " https://idp.example/realms/a", "")) {
            assertFails(StandardClaimRules.issuer("https://idp.example/realms/a"), "{\"iss\":\"" + iss + "\"}",
                    RejectionReason.ISSUER_MISMATCH);
        }
    }

    @Test
    void issuerWhenNotAStringThenIssuerMismatch() {
        for (String raw : List.of("1", "true", "null", "[\"https://idp.example\"]", "{}")) {
            assertFails(StandardClaimRules.issuer("https://idp.example"), "{\"iss\":" + raw + "}",
                    RejectionReason.ISSUER_MISMATCH);
        }
    }

    @Test
    void issuerWhenMissingThenMissingClaim() {
        assertFails(StandardClaimRules.issuer("https://idp.example"), "{}", RejectionReason.MISSING_CLAIM);
    }

    // audience

    @Test
    void audienceWhenStringAcceptedThenPasses() {
        assertPasses(StandardClaimRules.audience(Set.of("a", "b")), "{\"aud\":\"b\"}");
    }

    @Test
    void audienceWhenArrayContainsAcceptedThenPasses() {
        assertPasses(StandardClaimRules.audience(Set.of("a")), "{\"aud\":[\"x\",\"a\"]}");
    }

    @Test
    void audienceWhenNoValueAcceptedThenAudienceMismatch() {
        assertFails(StandardClaimRules.audience(Set.of("a")), "{\"aud\":\"x\"}", RejectionReason.AUDIENCE_MISMATCH);
        assertFails(StandardClaimRules.audience(Set.of("a")), "{\"aud\":[\"x\",\"y\"]}",
                RejectionReason.AUDIENCE_MISMATCH);
        assertFails(StandardClaimRules.audience(Set.of("a")), "{\"aud\":\"\"}", RejectionReason.AUDIENCE_MISMATCH);
    }

    @Test
    void audienceWhenEmptyArrayThenInvalidClaim() {
        assertFails(StandardClaimRules.audience(Set.of("a")), "{\"aud\":[]}", RejectionReason.INVALID_CLAIM);
    }

    @Test
    void audienceWhenArrayHasNonStringMemberThenInvalidClaim() {
        assertFails(StandardClaimRules.audience(Set.of("a")), "{\"aud\":[\"a\",1]}", RejectionReason.INVALID_CLAIM);
    }

    @Test
    void audienceWhenNumberObjectBooleanOrNullThenInvalidClaim() {
        for (String raw : List.of("1", "{\"a\":1}", "true", "null")) {
            assertFails(StandardClaimRules.audience(Set.of("a")), "{\"aud\":" + raw + "}", RejectionReason.INVALID_CLAIM);
        }
    }

    @Test
    void audienceWhenMissingThenMissingClaim() {
        assertFails(StandardClaimRules.audience(Set.of("a")), "{}", RejectionReason.MISSING_CLAIM);
    }

    // requiredClaims

    @Test
    void requiredClaimsWhenAllPresentThenPasses() {
        assertPasses(StandardClaimRules.requiredClaims(Set.of("tenant", "scope")),
                "{\"tenant\":\"t\",\"scope\":\"\",\"other\":1}");
    }

    @Test
    void requiredClaimsWhenOneMissingThenMissingClaim() {
        assertFails(StandardClaimRules.requiredClaims(Set.of("tenant", "scope")), "{\"tenant\":\"t\"}",
                RejectionReason.MISSING_CLAIM);
    }

    @Test
    void requiredClaimsWhenJsonNullThenMissingClaim() {
        assertFails(StandardClaimRules.requiredClaims(Set.of("tenant")), "{\"tenant\":null}",
                RejectionReason.MISSING_CLAIM);
    }

    // forConfig

    @Test
    void forConfigWhenNoIssuerNoAudienceNoLifetimeThenExpirationStillRequired() {
        VerifierConfig relaxed = TestConfigs.rsa().issuer(null).audiences(Set.of()).maxLifetime(null)
                .acknowledge(EnumSet.of(FindingCode.NO_ISSUER, FindingCode.UNBOUNDED_LIFETIME)).build();
        List<ClaimRule> rules = StandardClaimRules.forConfig(relaxed);

        assertThatThrownBy(() -> runAll(rules, parse("{\"iss\":\"anyone\",\"aud\":\"elsewhere\"}")))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MISSING_CLAIM));
        assertThatCode(() -> runAll(rules, parse("{\"iss\":\"anyone\",\"aud\":\"elsewhere\",\"exp\":" + (T + 60) + "}")))
                .doesNotThrowAnyException();
    }

    @Test
    void forConfigWhenAudiencesNotCheckedThenAudTypeStillEnforced() {
        VerifierConfig relaxed = TestConfigs.rsa().audiences(Set.of()).build();
        List<ClaimRule> rules = StandardClaimRules.forConfig(relaxed);

        for (String aud : List.of("5", "{}", "true", "[\"ok\",7]")) {
            assertThatThrownBy(() -> runAll(rules, parse("{\"iss\":\"" + TokenFactory.ISSUER + "\",\"aud\":" + aud
                    + ",\"exp\":" + (T + 60) + ",\"iat\":" + T + "}")))
                    .isInstanceOfSatisfying(TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_CLAIM));
        }
    }

    @Test
    void forConfigWhenIssuerAudienceAndRequiredClaimsConfiguredThenEachEnforced() {
        VerifierConfig config = TestConfigs.rsa().requiredClaims(Set.of("tenant")).build();
        List<ClaimRule> rules = StandardClaimRules.forConfig(config);
        String valid = "\"iss\":\"https://issuer.example\",\"aud\":\"orders-api\",\"iat\":" + (T - 10) + ",\"exp\":"
                + (T + 60);

        assertThatCode(() -> runAll(rules, parse("{" + valid + ",\"tenant\":\"t\"}"))).doesNotThrowAnyException();
        assertRulesReject(rules, "{" + valid + "}", RejectionReason.MISSING_CLAIM);
        assertRulesReject(rules, "{" + valid.replace("issuer.example", "other.example") + ",\"tenant\":\"t\"}",
                RejectionReason.ISSUER_MISMATCH);
        assertRulesReject(rules, "{" + valid.replace("orders-api", "billing-api") + ",\"tenant\":\"t\"}",
                RejectionReason.AUDIENCE_MISMATCH);
    }

    @Test
    void forConfigWhenCalledThenListIsUnmodifiable() {
        List<ClaimRule> rules = StandardClaimRules.forConfig(TestConfigs.rsa().build());

        assertThatThrownBy(() -> rules.add((c, n) -> { })).isInstanceOf(UnsupportedOperationException.class);
    }

    // NumericDates directly

    @Test
    void numericDatesReadWhenAbsentThenAbsentMarker() {
        assertThat(NumericDates.read(Json.createObjectBuilder().build(), "exp")).isEqualTo(NumericDates.ABSENT);
    }

    @Test
    void numericDatesReadWhenFractionThenTruncatedTowardPast() {
        assertThat(NumericDates.read(parse("{\"exp\":1767225600.999}"), "exp")).isEqualTo(1_767_225_600L);
    }

    @Test
    void numericDatesReadWhenMaximumThenAcceptedAndOneMoreRefused() {
        assertThat(NumericDates.read(parse("{\"exp\":253402300799}"), "exp")).isEqualTo(NumericDates.MAX_SECONDS);
        assertThatThrownBy(() -> NumericDates.read(parse("{\"exp\":253402300800}"), "exp"))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_CLAIM));
    }

    private static String times(long iat, long exp) {
        return "{\"iat\":" + iat + ",\"exp\":" + exp + "}";
    }

    private static void runAll(List<ClaimRule> rules, JsonObject claims) {
        for (ClaimRule rule : rules) {
            rule.check(claims, NOW);
        }
    }

    private static void assertRulesReject(List<ClaimRule> rules, String claims, RejectionReason reason) {
        assertThatThrownBy(() -> runAll(rules, parse(claims)))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertPasses(ClaimRule rule, String claims) {
        assertThatCode(() -> rule.check(parse(claims), NOW)).doesNotThrowAnyException();
    }

    private static void assertFails(ClaimRule rule, String claims, RejectionReason reason) {
        assertThatThrownBy(() -> rule.check(parse(claims), NOW))
                .as(claims)
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static JsonObject parse(String json) {
        try {
            return StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}

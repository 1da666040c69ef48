package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private final Set<String> revokedIds = ConcurrentHashMap.newKeySet();

    /** A key source whose keys and version the test changes. */
    private static final class SwitchableKeySource implements KeySource {
        volatile List<VerificationKey> keys = List.of(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()));
        final AtomicLong version = new AtomicLong();

        @Override
        public List<VerificationKey> keys() {
            return keys;
        }

        @Override
        public String describe() {
            return "switchable test keys";
        }

        @Override
        public long version() {
            return version.get();
        }
    }

    private final SwitchableKeySource keys = new SwitchableKeySource();

    private VerifierConfigBuilder config() {
        return VerifierConfig.builder()
                .keySource(keys)
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(clock)
                .revocationCheck(token -> revokedIds.contains(token.getTokenID()));
    }

    private static String token() {
        return TestConfigs.validRs256(); // issued 10 s before NOW, expires 290 s after
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void verifyWhenSameTokenTwiceThenSecondIsACacheHit() {
        TokenVerifier verifier = TokenVerifier.create(config().build());
        VerifiedToken first = verifier.verify(token());
        assertThat(verifier.verify(token())).isSameAs(first);
        assertThat(verifier.cachedTokenCount()).isEqualTo(1);
    }

    @Test
    void verifyWhenCachedTokenExpiresThenHitIsRefusedAsExpired() {
        TokenVerifier verifier = TokenVerifier.create(config().build());
        verifier.verify(token());
        clock.advance(Duration.ofSeconds(290 + 30 - 1)); // still within exp + skew
        verifier.verify(token());
        clock.advance(Duration.ofSeconds(1));
        assertRejected(verifier, token(), RejectionReason.EXPIRED);
    }

    @Test
    void verifyWhenCachedTokenExceedsMaximumAgeThenHitIsRefusedAsTooOld() {
        TokenVerifier verifier = TokenVerifier.create(config().maxTokenAge(Duration.ofSeconds(60)).build());
        verifier.verify(token());
        clock.advance(Duration.ofSeconds(60 - 10)); // age 60: exactly the maximum, still accepted
        verifier.verify(token());
        clock.advance(Duration.ofSeconds(1));
        assertRejected(verifier, token(), RejectionReason.TOO_OLD);
    }

    @Test
    void verifyWhenCachedTokenIsRevokedThenHitIsRefused() {
        TokenVerifier verifier = TokenVerifier.create(config().build());
        verifier.verify(token());
        revokedIds.add("id-1");
        assertRejected(verifier, token(), RejectionReason.REVOKED);
        revokedIds.clear();
        verifier.verify(token());
    }

    @Test
    void verifyWhenKeySetChangesThenCachedTokensAreVerifiedAgain() {
        TokenVerifier verifier = TokenVerifier.create(config().build());
        verifier.verify(token());
        keys.keys = List.of(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048_OTHER.getPublic()));
        keys.version.incrementAndGet();
        assertRejected(verifier, token(), RejectionReason.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenAnotherEncodingOfACachedTokenThenItMissesAndIsRefused() {
        TokenVerifier verifier = TokenVerifier.create(config().build());
        String canonical = token();
        verifier.verify(canonical);
        // same bytes, different spelling: padding on the payload segment
        String[] parts = canonical.split("\\.");
        String padded = parts[0] + "." + parts[1] + "=".repeat((4 - parts[1].length() % 4) % 4 == 0 ? 1
                : (4 - parts[1].length() % 4) % 4) + "." + parts[2];
        assertRejected(verifier, padded, RejectionReason.MALFORMED_ENCODING);
        assertRejected(verifier, canonical + " ", RejectionReason.MALFORMED_ENCODING);
    }

    @Test
    void verifyWhenCacheIsOffThenEveryCallVerifiesFully() {
        TokenVerifier verifier = TokenVerifier.create(config().verifiedTokenCache(false, 0).build());
        VerifiedToken first = verifier.verify(token());
        assertThat(verifier.verify(token())).isNotSameAs(first);
        assertThat(verifier.cachedTokenCount()).isZero();
    }

    @Test
    void verifyWhenMoreTokensThanCapacityThenCacheStaysBounded() {
        TokenVerifier verifier = TokenVerifier.create(config().verifiedTokenCache(true, 20).build());
        for (int i = 0; i < 200; i++) {
            String claims = TokenFactory.claims(TestConfigs.NOW.getEpochSecond() - 10).replace("id-1", "id-" + i);
            verifier.verify(TokenFactory.sign(TokenFactory.header("RS256"), claims, "RS256",
                    TestKeys.RSA_2048.getPrivate()));
        }
        assertThat(verifier.cachedTokenCount()).isLessThanOrEqualTo(20);
    }

    @Test
    void buildWhenCacheEnabledWithZeroSizeThenErrorNamesBuilderMethod() {
        assertThatThrownBy(() -> config().verifiedTokenCache(true, 0).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("verifiedTokenCache(boolean, long)"));
    }
}

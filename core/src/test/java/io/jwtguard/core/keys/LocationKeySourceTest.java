package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.VerifierConfig;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.KeySourceUnavailableException;
import io.jwtguard.core.verify.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationKeySourceTest {
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final KeyStrengthPolicy HARDENED = new KeyStrengthPolicy(KeyStrengthPolicy.HARDENED_MIN_RSA_BITS);

    @TempDir
    Path dir;

    private LocalHttpServer server;
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);

    @BeforeEach
    void startServer() throws Exception {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void constructorWhenCreatedThenNothingFetched() {
        server.answer("/jwks.json", 200, jwks());

        new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock, RETRY);

        assertThat(server.hits("/jwks.json")).isZero();
    }

    @Test
    void keysWhenFirstCalledThenFetchedOnce() {
        server.answer("/jwks.json", 200, jwks());
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock,
                RETRY);

        List<VerificationKey> keys = source.keys();

        assertThat(keys).extracting(k -> k.keyId().orElseThrow()).containsExactly("rsa-1", "ec-1");
        assertThat(server.hits("/jwks.json")).isEqualTo(1);
    }

    @Test
    void keysWhenCalledManyTimesThenCachedAfterOneFetch() {
        server.answer("/jwks.json", 200, jwks());
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock,
                RETRY);

        List<VerificationKey> first = source.keys();
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofHours(1));
            assertThat(source.keys()).isSameAs(first);
        }

        assertThat(server.hits("/jwks.json")).isEqualTo(1);
    }

    @Test
    void keysWhenFileCreatedAfterConstructionThenLoaded() throws Exception {
        Path file = dir.resolve("public.pem");
        LocationKeySource source = new LocationKeySource(KeyLocation.of(file.toString()), HARDENED, clock, RETRY);
        Files.writeString(file, KeyMaterialTest.pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);

        assertThat(source.keys()).singleElement()
                .satisfies(k -> assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPublic()));
    }

    @Test
    void keysWhenFetchFailsThenKeySourceUnavailableNamingLocation() {
        server.answer("/jwks.json", 500, "down");
        String url = server.url("/jwks.json");
        LocationKeySource source = new LocationKeySource(KeyLocation.of(url), HARDENED, clock, RETRY);

        assertThatThrownBy(source::keys)
                .isInstanceOf(KeySourceUnavailableException.class)
                .hasMessageContaining(url);
    }

    @Test
    void keysWhenFailedThenNotRetriedBeforeIntervalAndRetriedAfter() {
        server.answer("/jwks.json", 503, "down");
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock,
                RETRY);
        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);
        server.answer("/jwks.json", 200, jwks());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);
        }
        clock.advance(RETRY.minusMillis(1));
        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);
        assertThat(server.hits("/jwks.json")).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(source.keys()).hasSize(2);
        assertThat(server.hits("/jwks.json")).isEqualTo(2);
        assertThat(source.keys()).hasSize(2);
        assertThat(server.hits("/jwks.json")).isEqualTo(2);
    }

    @Test
    void keysWhenRetryFailsAgainThenIntervalRestartsFromSecondFailure() {
        server.answer("/jwks.json", 500, "down");
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock,
                RETRY);
        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);

        clock.advance(RETRY);
        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);
        assertThat(server.hits("/jwks.json")).isEqualTo(2);
        clock.advance(RETRY.minusSeconds(1));
        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);

        assertThat(server.hits("/jwks.json")).isEqualTo(2);
    }

    @Test
    void keysWhenDocumentHasNoUsableKeyThenKeySourceUnavailable() {
        server.answer("/jwks.json", 200, "{\"keys\":[]}");
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock,
                RETRY);

        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class)
                .hasMessageContaining(server.url("/jwks.json"));
    }

    @Test
    void keysWhenOnlyWeakRsaKeyAndHardenedThenKeySourceUnavailable() {
        server.answer("/weak.pem", 200, KeyMaterialTest.pem("PUBLIC KEY", TestKeys.RSA_1024.getPublic().getEncoded()));
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/weak.pem")), HARDENED, clock,
                RETRY);

        assertThatThrownBy(source::keys).isInstanceOf(KeySourceUnavailableException.class);
    }

    @Test
    void keysWhenWeakRsaKeyAndPolicyAllowsThenLoaded() {
        server.answer("/weak.pem", 200, KeyMaterialTest.pem("PUBLIC KEY", TestKeys.RSA_1024.getPublic().getEncoded()));
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/weak.pem")),
                new KeyStrengthPolicy(KeyStrengthPolicy.ABSOLUTE_MIN_RSA_BITS), clock, RETRY);

        assertThat(source.keys()).singleElement().satisfies(k -> assertThat(k.strengthBits()).isEqualTo(1024));
    }

    @Test
    void keysWhenWeakAndStrongKeysThenOnlyStrongKept() {
        String content = KeyMaterialTest.pem("PUBLIC KEY", TestKeys.RSA_1024.getPublic().getEncoded())
                + KeyMaterialTest.pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded());
        server.answer("/keys.pem", 200, content);
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/keys.pem")), HARDENED, clock,
                RETRY);

        assertThat(source.keys()).singleElement().satisfies(k -> assertThat(k.strengthBits()).isEqualTo(2048));
    }

    @Test
    void verifyWhenKeysAtLocationThenTokenVerifiedAndFetchedOnce() {
        server.answer("/jwks.json", 200, jwks());
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/jwks.json")), HARDENED, clock,
                RETRY);
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(source)
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .build());

        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(TestConfigs.validRs256()).getName()).isEqualTo("jdoe@example.com");
        }
        assertThat(server.hits("/jwks.json")).isEqualTo(1);
    }

    @Test
    void verifyWhenLocationDownThenKeySourceUnavailableNotRejection() {
        LocationKeySource source = new LocationKeySource(KeyLocation.of(server.url("/absent.json")), HARDENED, clock,
                RETRY);
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(source)
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .build());

        assertThatThrownBy(() -> verifier.verify(TestConfigs.validRs256()))
                .isInstanceOf(KeySourceUnavailableException.class);
    }

    @Test
    void describeWhenCalledThenLocation() {
        String url = server.url("/jwks.json");

        assertThat(new LocationKeySource(KeyLocation.of(url), HARDENED, clock, RETRY).describe()).isEqualTo(url);
    }

    private static String jwks() {
        return KeyMaterialTest.jwks(KeyMaterialTest.rsaJwk("rsa-1").toJSONString(),
                KeyMaterialTest.ecJwk("ec-1").toJSONString());
    }

    /** A clock that tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

package io.jwtguard.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scheduled rotation: publish before sign, keep retired public keys until their tokens expired. */
class SigningKeyRingTest {
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private final SigningKeyRing ring = SigningKeyRing.generating(JwsAlgorithm.ES256, Duration.ofDays(7),
            Duration.ofHours(1), Duration.ofMinutes(6), clock);

    @Test
    void signingKeyWhenRotationDueThenNextKeyPublishedAnHourBeforeItSigns() {
        SigningKey first = ring.signingKey();
        assertThat(kids()).containsExactly(first.keyId());

        clock.advance(Duration.ofDays(7).minusHours(1));
        assertThat(ring.signingKey()).isSameAs(first);
        List<String> published = kids();
        assertThat(published).hasSize(2).contains(first.keyId());
        String next = published.get(1);

        clock.advance(Duration.ofMinutes(59));
        assertThat(ring.signingKey().keyId()).isEqualTo(first.keyId()); // still not signing

        clock.advance(Duration.ofMinutes(1));
        assertThat(ring.signingKey().keyId()).isEqualTo(next);
        assertThat(kids()).containsExactlyInAnyOrder(first.keyId(), next); // old key kept for its tokens
    }

    @Test
    void publishedKeysWhenRetentionPassedThenRetiredKeyRemoved() {
        SigningKey first = ring.signingKey();
        clock.advance(Duration.ofDays(7).minusHours(1));
        ring.signingKey();
        clock.advance(Duration.ofHours(1));
        SigningKey second = ring.signingKey();
        assertThat(second.keyId()).isNotEqualTo(first.keyId());

        clock.advance(Duration.ofMinutes(6).minusSeconds(1));
        assertThat(kids()).contains(first.keyId());
        clock.advance(Duration.ofSeconds(1));
        assertThat(kids()).containsExactly(second.keyId());
    }

    @Test
    void signingKeyWhenClockJumpsFarThenNewKeyStillPublishedBeforeSigning() {
        SigningKey first = ring.signingKey();
        clock.advance(Duration.ofDays(30));

        assertThat(ring.signingKey()).isSameAs(first); // the next key was only just published
        clock.advance(Duration.ofHours(1));
        assertThat(ring.signingKey().keyId()).isNotEqualTo(first.keyId());
    }

    @Test
    void versionWhenSetChangesThenChanges() {
        long before = ring.version();
        assertThat(ring.version()).isEqualTo(before);
        clock.advance(Duration.ofDays(7).minusHours(1));
        assertThat(ring.version()).isGreaterThan(before);
    }

    @Test
    void jwksWhenRenderedThenPublicPartsOnlyWithKidAlgAndUse() {
        clock.advance(Duration.ofDays(7).minusHours(1)); // two keys
        JsonObject jwks = Json.createReader(new StringReader(ring.jwks())).readObject();

        assertThat(jwks.getJsonArray("keys")).hasSize(2);
        for (JsonValue value : jwks.getJsonArray("keys")) {
            JsonObject key = value.asJsonObject();
            assertThat(key.getString("kty")).isEqualTo("EC");
            assertThat(key.getString("alg")).isEqualTo("ES256");
            assertThat(key.getString("use")).isEqualTo("sig");
            assertThat(key.getString("kid")).isNotBlank();
            assertThat(key.keySet()).doesNotContain("d", "p", "q", "dp", "dq", "qi", "k");
        }
    }

    @Test
    void jwksWhenRsaFixedKeyThenNoPrivateExponent() {
        SigningKey key = new SigningKey("rsa-1", TestKeys.RSA_2048.getPrivate(), TestKeys.RSA_2048.getPublic(),
                JwsAlgorithm.RS256, TestConfigs.NOW, TestConfigs.NOW);
        SigningKeyRing fixed = SigningKeyRing.fixed(key, List.of(), Duration.ofMinutes(6), clock);

        String jwks = fixed.jwks();

        JsonObject jwk = Json.createReader(new StringReader(jwks)).readObject().getJsonArray("keys").getJsonObject(0);
        assertThat(jwk.keySet()).containsExactlyInAnyOrder("kty", "kid", "use", "alg", "n", "e");
        clock.advance(Duration.ofDays(365));
        assertThat(fixed.signingKey()).isSameAs(key); // configured keys are rotated by configuration
    }

    @Test
    void fixedWhenPreviousKeysThenPublishedForRetentionOnly() {
        SigningKey current = new SigningKey("new", TestKeys.RSA_2048.getPrivate(), TestKeys.RSA_2048.getPublic(),
                JwsAlgorithm.RS256, TestConfigs.NOW, TestConfigs.NOW);
        SigningKey old = new SigningKey("old", TestKeys.RSA_2048_OTHER.getPrivate(), TestKeys.RSA_2048_OTHER.getPublic(),
                JwsAlgorithm.RS256, TestConfigs.NOW, TestConfigs.NOW);
        SigningKeyRing fixed = SigningKeyRing.fixed(current, List.of(old), Duration.ofMinutes(6), clock);

        assertThat(fixed.publishedKeys()).extracting(k -> k.keyId().orElseThrow()).containsExactly("new", "old");
        clock.advance(Duration.ofMinutes(6));
        assertThat(fixed.publishedKeys()).extracting(k -> k.keyId().orElseThrow()).containsExactly("new");
    }

    @Test
    void generatingWhenHmacThenRefused() {
        assertThatThrownBy(() -> SigningKeyRing.generating(JwsAlgorithm.HS256, Duration.ofDays(7), Duration.ofHours(1),
                Duration.ofMinutes(6), clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingKeyWhenWeakRsaThenRefused() {
        assertThatThrownBy(() -> new SigningKey("weak", TestKeys.RSA_1024.getPrivate(), TestKeys.RSA_1024.getPublic(),
                JwsAlgorithm.RS256, TestConfigs.NOW, TestConfigs.NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringWhenRenderedThenNoKeyMaterial() {
        assertThat(ring.signingKey().toString()).doesNotContain("PRIVATE").contains("kid=");
    }

    private List<String> kids() {
        return ring.publishedKeys().stream().map(VerificationKey::keyId).map(Optional::orElseThrow)
                .collect(Collectors.toList());
    }
}

package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.availability.VerificationUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecryptionKeySourceTest {
    private static final Duration RETRY = Duration.ofSeconds(30);

    private LocalHttpServer server;
    private final io.jwtguard.core.testing.MutableClock clock = new io.jwtguard.core.testing.MutableClock(TestConfigs.NOW);

    @BeforeEach
    void startServer() throws Exception {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void fromLocationWhenCreatedThenNothingFetchedUntilKeys() {
        server.answer("/private.pem", 200, KeyMaterialTest.pem("PRIVATE KEY",
                TestKeys.RSA_2048.getPrivate().getEncoded()));
        DecryptionKeySource source = DecryptionKeySource.fromLocation(KeyLocation.of(server.url("/private.pem")),
                clock, RETRY);
        assertThat(server.hits("/private.pem")).isZero();

        assertThat(source.keys()).singleElement()
                .satisfies(k -> assertThat(k.key()).isEqualTo(TestKeys.RSA_2048.getPrivate()));
        assertThat(source.keys()).hasSize(1);
        assertThat(server.hits("/private.pem")).isEqualTo(1);
    }

    @Test
    void fromLocationWhenFailedThenRetriedOnlyAfterInterval() {
        DecryptionKeySource source = DecryptionKeySource.fromLocation(KeyLocation.of(server.url("/private.pem")),
                clock, RETRY);
        assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class);
        server.answer("/private.pem", 200, KeyMaterialTest.pem("PRIVATE KEY",
                TestKeys.RSA_2048.getPrivate().getEncoded()));

        assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class);
        assertThat(server.hits("/private.pem")).isEqualTo(1);
        clock.advance(RETRY);

        assertThat(source.keys()).hasSize(1);
        assertThat(server.hits("/private.pem")).isEqualTo(2);
    }

    @Test
    void fromLocationWhenDocumentIsPublicKeyThenUnavailableWithoutKeyMaterial() {
        String content = KeyMaterialTest.pem("PUBLIC KEY", TestKeys.RSA_2048.getPublic().getEncoded());
        server.answer("/public.pem", 200, content);
        DecryptionKeySource source = DecryptionKeySource.fromLocation(KeyLocation.of(server.url("/public.pem")),
                clock, RETRY);

        assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                .satisfies(e -> KeyMaterialTest.assertNoKeyMaterial(e.getMessage(), content));
    }

    @Test
    void ofWhenEmptyThenIllegalArgument() {
        assertThatThrownBy(() -> DecryptionKeySource.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringWhenDecryptionKeyThenNoKeyMaterial() {
        DecryptionKey key = new DecryptionKey("enc-1", TestKeys.RSA_2048.getPrivate());

        assertThat(key.toString()).isEqualTo("DecryptionKey[kid=enc-1]");
    }
}

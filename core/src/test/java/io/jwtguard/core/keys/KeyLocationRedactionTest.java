package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jwtguard.core.testing.JwksTestServer;
import io.jwtguard.core.testing.LogCapture;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key locations may carry credentials in their query ({@code ?token=...}) or user-info
 * ({@code user:pass@}); whatever describes a location (logs, exception messages, status,
 * {@code toString}) shows neither.
 */
class KeyLocationRedactionTest {
    private static final String SECRET = "SECRET";
    private static final String PASSWORD = "pass";
    private static final JwksSettings SETTINGS = JwksSettings.DEFAULTS.withUnknownKidMinInterval(Duration.ofSeconds(10));

    private JwksTestServer server;
    private MutableClock clock;
    private URI withCredentials;

    @BeforeEach
    void setUp() throws Exception {
        server = new JwksTestServer().serve(JwksTestServer.jwks("a", TestKeys.RSA_2048.getPublic()));
        clock = new MutableClock(TestConfigs.NOW);
        withCredentials = URI.create("http://user:" + PASSWORD + "@127.0.0.1:" + server.uri().getPort()
                + "/jwks?token=" + SECRET);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static void assertNoCredentials(List<String> texts) {
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(SECRET).doesNotContain(":" + PASSWORD + "@").doesNotContain("token="));
    }

    @Test
    void redactWhenQueryOrUserInfoThenBothHidden() {
        assertThat(KeyLocation.redact("https://user:pass@idp.example:8443/realms/r/certs?token=SECRET#frag"))
                .isEqualTo("https://***@idp.example:8443/realms/r/certs?***");
        assertThat(KeyLocation.redact("https://idp.example/certs?token=SECRET")).isEqualTo("https://idp.example/certs?***");
        assertThat(KeyLocation.redact("https://user@idp.example")).isEqualTo("https://***@idp.example");
        assertThat(KeyLocation.redact("https://a:b@c@idp.example/x")).isEqualTo("https://***@idp.example/x");
        assertThat(KeyLocation.redact("https://idp.example/certs#x")).isEqualTo("https://idp.example/certs");
        assertThat(KeyLocation.redact("not a uri user:pass@ ?token=SECRET")).doesNotContain(SECRET);
    }

    @Test
    void redactWhenNothingSecretThenUnchanged() {
        assertThat(KeyLocation.redact("https://idp.example/realms/r/protocol/openid-connect/certs"))
                .isEqualTo("https://idp.example/realms/r/protocol/openid-connect/certs");
        assertThat(KeyLocation.redact("https://idp.example/users/@me/keys"))
                .isEqualTo("https://idp.example/users/@me/keys");
        assertThat(KeyLocation.redact("classpath:keys/public.pem")).isEqualTo("classpath:keys/public.pem");
        assertThat(KeyLocation.redact("/etc/keys/public.pem")).isEqualTo("/etc/keys/public.pem");
        assertThat(KeyLocation.redact(null)).isNull();
    }

    @Test
    void jwksKeySourceWhenLocationCarriesCredentialsThenNoMessageLogOrStatusShowsThem() {
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = LogCapture.of("io.jwtguard.core.keys")) {
            server.status(500);
            JwksKeySource source = JwksKeySource.create(withCredentials, SETTINGS.withPrefetch(true),
                    new KeyStrengthPolicy(2048), clock, Runnable::run);
            texts.add(catchThrowable(source::keys).getMessage());         // retry interval: last error
            texts.add(catchThrowable(source::refreshNow).getMessage());   // a failed fetch now
            clock.advance(Duration.ofSeconds(11));
            texts.add(catchThrowable(source::keys).getMessage());
            KeySourceStatus status = source.status().orElseThrow();
            texts.add(status.source());
            texts.add(status.lastError().orElseThrow());
            texts.add(status.toString());
            texts.add(source.describe());
            texts.add(source.toString());

            server.status(200);
            server.serve("{\"keys\":[" + JwksTestServer.rsaJwk("enc", (java.security.interfaces.RSAPublicKey)
                    TestKeys.RSA_2048.getPublic(), ",\"use\":\"enc\"") + ","
                    + JwksTestServer.rsaJwk("weak", (java.security.interfaces.RSAPublicKey)
                    TestKeys.RSA_1024.getPublic(), "") + "]}");
            clock.advance(Duration.ofSeconds(11));
            texts.add(catchThrowable(source::keys).getMessage());         // every key dropped: warnings name the source
            texts.addAll(logs.messages());
            assertThat(logs.warnings()).hasSizeGreaterThanOrEqualTo(3);
            source.close();
        }

        assertThat(texts).anySatisfy(text -> assertThat(text).contains("127.0.0.1"));
        assertNoCredentials(texts);
    }

    @Test
    void jwksKeySourceWhenLocationCarriesCredentialsThenTheyAreStillSentToTheServer() {
        JwksKeySource source = JwksKeySource.create(withCredentials, SETTINGS, new KeyStrengthPolicy(2048), clock,
                Runnable::run);

        assertThat(source.keys()).hasSize(1);
        assertThat(server.requests()).isEqualTo(1);
        source.close();
    }

    @Test
    void createWhenPlainHttpToRemoteHostWithCredentialsThenMessageHidesThem() {
        Throwable refused = catchThrowable(() -> JwksKeySource.create(
                URI.create("http://user:" + PASSWORD + "@192.0.2.10/jwks?token=" + SECRET), SETTINGS,
                new KeyStrengthPolicy(2048), clock, Runnable::run));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.10");
        assertNoCredentials(List.of(refused.getMessage()));
    }

    @Test
    void keyLocationWhenRemoteWithCredentialsThenToStringAndErrorsHideThem() {
        server.status(500);
        KeyLocation location = KeyLocation.of(withCredentials.toString());

        Throwable failed = catchThrowable(location::read);

        assertThat(failed).hasMessageContaining("HTTP 500").hasMessageContaining("127.0.0.1");
        assertNoCredentials(List.of(failed.getMessage(), location.toString()));
    }

    @Test
    void keyLocationWhenPlainHttpToRemoteHostWithCredentialsThenErrorHidesThem() {
        KeyLocation location = KeyLocation.of("http://user:" + PASSWORD + "@192.0.2.10/jwks?token=" + SECRET);

        Throwable failed = catchThrowable(location::read);

        assertThat(failed).hasMessageContaining("https");
        assertNoCredentials(List.of(failed.getMessage(), location.toString()));
    }

    @Test
    void keyLocationWhenFileMissingThenMessageNamesItAndHidesItsQuery() {
        Throwable failed = catchThrowable(() -> KeyLocation.of("file:/nonexistent/keys.pem?token=" + SECRET).read());

        assertThat(failed).isNotNull();
        assertNoCredentials(List.of(String.valueOf(failed.getMessage())));
    }
}

package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.testing.JwksTestServer;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifierConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC discovery against real HTTP servers on 127.0.0.1 (an issuer and its JWKS), with a clock moved by hand. */
class OidcDiscoveryKeySourceTest {
    private static final JwksSettings SETTINGS = new JwksSettings(Duration.ofSeconds(60), Duration.ofHours(1),
            Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMillis(800), 64 * 1024, false);
    private static final KeyPair KEY_A = TestKeys.RSA_2048;
    private static final KeyPair KEY_B = TestKeys.RSA_2048_OTHER;

    /** An issuer at {@code /realms/a} whose discovery document the test writes. */
    private static final class Issuer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger documentRequests = new AtomicInteger();
        volatile String document;
        volatile int status = 200;

        Issuer() throws IOException {
            this(0);
        }

        Issuer(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/realms/a/.well-known/openid-configuration", exchange -> {
                documentRequests.incrementAndGet();
                byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                }
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String issuer() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/a";
        }

        Issuer publishes(String issuer, URI jwksUri) {
            document = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            return this;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Issuer idp;
    private JwksTestServer jwks;
    private MutableClock clock;

    @BeforeEach
    void setUp() throws Exception {
        idp = new Issuer();
        jwks = new JwksTestServer().serve(JwksTestServer.jwks("a", KEY_A.getPublic()));
        idp.publishes(idp.issuer(), jwks.uri());
        clock = new MutableClock(TestConfigs.NOW);
    }

    @AfterEach
    void tearDown() {
        idp.close();
        jwks.close();
    }

    private LoadedConfiguration load(Map<String, String> props, MutableClock at) {
        return ConfigLoader.load(name -> Optional.ofNullable(props.get(name)), at);
    }

    private OidcDiscoveryKeySource source() {
        return OidcDiscoveryKeySource.create(idp.issuer(), SETTINGS, new KeyStrengthPolicy(2048), clock, Runnable::run);
    }

    private TokenVerifier verifier(KeySource source) {
        return TokenVerifier.create(VerifierConfig.builder()
                .keySource(source)
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(idp.issuer())
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(clock)
                .build());
    }

    private String token(String kid, KeyPair pair) {
        String claims = TokenFactory.claims(clock.instant().getEpochSecond()).replace(TokenFactory.ISSUER, idp.issuer());
        return TokenFactory.sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}", claims, "RS256", pair.getPrivate());
    }

    @Test
    void verifyWhenIssuerPublishesItsJwksUriThenItsTokensVerify() {
        try (OidcDiscoveryKeySource source = source()) {
            assertThat(verifier(source).verify(token("a", KEY_A)).getName()).isEqualTo("jdoe@example.com");
            assertThat(idp.documentRequests.get()).isEqualTo(1);
            assertThat(jwks.requests()).isEqualTo(1);
            assertThat(source.describe()).contains(idp.issuer()).contains(jwks.uri().toString());
            assertThat(source.status()).get().extracting(KeySourceStatus::state).isEqualTo(KeySourceStatus.State.FRESH);
        }
    }

    @Test
    void keysWhenDocumentDeclaresAnotherIssuerThenRefusedAndItsJwksNeverFetched() {
        idp.publishes("https://attacker.example/realms/a", jwks.uri());
        try (OidcDiscoveryKeySource source = source()) {
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("declares issuer 'https://attacker.example/realms/a'")
                    .hasMessageContaining(idp.issuer());
            assertThat(jwks.requests()).isZero();
        }
    }

    @Test
    void keysWhenDocumentIssuerDiffersOnlyByATrailingSlashThenRefused() {
        idp.publishes(idp.issuer() + "/", jwks.uri());
        try (OidcDiscoveryKeySource source = source()) {
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("declares issuer");
            assertThat(jwks.requests()).isZero();
        }
    }

    @Test
    void keysWhenJwksUriIsPlainHttpToAnotherHostThenRefused() {
        idp.publishes(idp.issuer(), URI.create("http://keys.example/jwks"));
        try (OidcDiscoveryKeySource source = source()) {
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("not https");
        }
    }

    @Test
    void keysWhenDocumentIsRedirectedThenNotFollowed() {
        idp.status = 302;
        try (OidcDiscoveryKeySource source = source()) {
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("HTTP 302");
            assertThat(jwks.requests()).isZero();
        }
    }

    @Test
    void keysWhenDocumentIsNotJsonThenUnavailableWithoutEchoingIt() {
        idp.document = "<html>secret-page\ncontent</html>";
        try (OidcDiscoveryKeySource source = source()) {
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("not valid JSON")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-page"));
        }
    }

    @Test
    void keysWhenIssuerDownAtStartThenUnavailableRateLimitedAndRecoveredOnceItAnswers() throws Exception {
        int port = idp.server.getAddress().getPort();
        String issuer = idp.issuer();
        idp.close();
        try (OidcDiscoveryKeySource source = OidcDiscoveryKeySource.create(issuer,
                SETTINGS.withPrefetch(true), new KeyStrengthPolicy(2048), clock, Runnable::run)) {
            // creating it (with prefetch) did not throw; requests get "unavailable" (503)
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("failed");
            assertThat(source.status()).get().extracting(KeySourceStatus::state).isEqualTo(KeySourceStatus.State.UNAVAILABLE);
            // the issuer comes back on the same port
            idp = new Issuer(port);
            idp.publishes(issuer, jwks.uri());
            assertThatThrownBy(source::keys).isInstanceOf(VerificationUnavailableException.class)
                    .hasMessageContaining("next attempt");
            assertThat(idp.documentRequests.get()).isZero();
            clock.advance(SETTINGS.unknownKidMinInterval());
            assertThat(source.keys()).hasSize(1);
            assertThat(idp.documentRequests.get()).isEqualTo(1);
        }
    }

    @Test
    void keysWhenDocumentIsDueAndJwksUriChangedThenNewKeysServedAndOldClientClosed() throws Exception {
        try (JwksTestServer rotated = new JwksTestServer().serve(JwksTestServer.jwks("b", KEY_B.getPublic()));
                OidcDiscoveryKeySource source = source()) {
            TokenVerifier verifier = verifier(source);
            verifier.verify(token("a", KEY_A));
            long before = source.version();
            idp.publishes(idp.issuer(), rotated.uri());
            clock.advance(SETTINGS.defaultCacheTtl());
            source.keys(); // due: the document is read again (direct executor), the new jwks_uri replaces the old
            assertThat(idp.documentRequests.get()).isEqualTo(2);
            assertThat(verifier.verify(token("b", KEY_B)).getName()).isEqualTo("jdoe@example.com");
            assertThat(source.version()).isNotEqualTo(before);
            assertThat(source.describe()).contains(rotated.uri().toString());
        }
    }

    @Test
    void keysWhenDueReReadFailsThenLastDocumentsKeysKept() {
        try (OidcDiscoveryKeySource source = source()) {
            source.keys();
            idp.status = 500;
            clock.advance(SETTINGS.defaultCacheTtl());
            assertThat(source.keys()).hasSize(1);
            assertThat(idp.documentRequests.get()).isEqualTo(2);
            assertThat(source.keys()).hasSize(1);
            assertThat(idp.documentRequests.get()).isEqualTo(2); // next attempt only after the minimum lifetime
        }
    }

    @Test
    void documentUriWhenIssuerHasTrailingSlashThenWellKnownAppendedOnce() {
        assertThat(OidcDiscoveryKeySource.documentUri("https://idp.example/realms/a/"))
                .isEqualTo(URI.create("https://idp.example/realms/a/.well-known/openid-configuration"));
        assertThat(OidcDiscoveryKeySource.documentUri("https://idp.example"))
                .isEqualTo(URI.create("https://idp.example/.well-known/openid-configuration"));
        assertThatThrownBy(() -> OidcDiscoveryKeySource.documentUri("http://idp.example/realms/a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> OidcDiscoveryKeySource.documentUri("https://idp.example/?x=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configWhenDiscoveryOnThenPrimaryIssuersKeysComeFromItsDocument() {
        Map<String, String> props = Map.of("mp.jwt.verify.issuer", idp.issuer(), "jwtguard.discovery", "true",
                "mp.jwt.verify.audiences", TokenFactory.AUDIENCE);
        try (LoadedConfiguration loaded = ConfigLoader.load(name -> Optional.ofNullable(props.get(name)), clock)) {
            TokenVerifier verifier = TokenVerifier.create(loaded.verifier());
            assertThat(verifier.verify(token("a", KEY_A)).getName()).isEqualTo("jdoe@example.com");
        }
    }

    @Test
    void configWhenDiscoveryOnForANamedIssuerThenItsKeysComeFromItsDocument() {
        Map<String, String> props = Map.of("jwtguard.issuers", "idp",
                "jwtguard.issuers.idp.issuer", idp.issuer(), "jwtguard.issuers.idp.discovery", "true",
                "jwtguard.issuers.idp.audiences", TokenFactory.AUDIENCE);
        try (LoadedConfiguration loaded = ConfigLoader.load(name -> Optional.ofNullable(props.get(name)), clock)) {
            TokenVerifier verifier = TokenVerifier.create(loaded.verifier());
            assertThat(verifier.verify(token("a", KEY_A)).getName()).isEqualTo("jdoe@example.com");
        }
    }

    @Test
    void configWhenDiscoveryWithoutIssuerOrWithAKeyLocationThenDeploymentFailsNamingTheProperties() {
        assertThatThrownBy(() -> load(Map.of("jwtguard.discovery", "true"), clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mp.jwt.verify.issuer").hasMessageContaining("jwtguard.discovery");
        assertThatThrownBy(() -> load(Map.of("jwtguard.discovery", "true",
                "mp.jwt.verify.issuer", idp.issuer(), "mp.jwt.verify.publickey.location", jwks.uri().toString()), clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mp.jwt.verify.publickey.location").hasMessageContaining("jwtguard.discovery");
        assertThatThrownBy(() -> load(Map.of("jwtguard.discovery", "true",
                "mp.jwt.verify.issuer", "http://idp.example/realms/a"), clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mp.jwt.verify.issuer").hasMessageContaining("https");
    }
}

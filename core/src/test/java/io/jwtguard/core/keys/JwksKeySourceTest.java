package io.jwtguard.core.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.testing.JwksTestServer;
import io.jwtguard.core.testing.LogCapture;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JWKS client against a real HTTP server on 127.0.0.1, with a clock moved by hand. */
class JwksKeySourceTest {
    private static final JwksSettings SETTINGS = new JwksSettings(Duration.ofSeconds(60), Duration.ofHours(1),
            Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMillis(800), 64 * 1024, false);
    private static final KeyPair KEY_A = TestKeys.RSA_2048;
    private static final KeyPair KEY_B = TestKeys.RSA_2048_OTHER;

    private JwksTestServer server;
    private MutableClock clock;
    private JwksKeySource source;
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        server = new JwksTestServer().serve(JwksTestServer.jwks("a", KEY_A.getPublic()));
        clock = new MutableClock(TestConfigs.NOW);
        source = JwksKeySource.create(server.uri(), SETTINGS, new KeyStrengthPolicy(2048), clock, Runnable::run);
        verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(source)
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(clock)
                .build());
    }

    @AfterEach
    void tearDown() {
        source.close();
        server.close();
    }

    private String token(String kid, KeyPair pair) {
        return TokenFactory.sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}",
                TokenFactory.claims(clock.instant().getEpochSecond()), "RS256", pair.getPrivate());
    }

    private static RejectionReason reasonOf(Runnable call) {
        try {
            call.run();
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        return null;
    }

    @Test
    void keysWhenNeverUsedThenNothingFetched() {
        assertThat(server.requests()).isZero();
        assertThat(source.status()).get().extracting(KeySourceStatus::state).isEqualTo(KeySourceStatus.State.NOT_LOADED);
    }

    /** Issue 15: a readiness probe on an idle application asks for keys without fetching itself. */
    @Test
    void requestRefreshWhenNotLoadedThenLoadsOnTheBackgroundExecutorAndRetriesFailuresAtTheInterval() {
        List<Runnable> queued = new ArrayList<>();
        try (JwksKeySource lazy = JwksKeySource.create(server.uri(), SETTINGS, new KeyStrengthPolicy(2048), clock,
                queued::add)) {
            server.status(500);
            lazy.requestRefresh();
            assertThat(server.requests()).as("nothing in the caller's thread").isZero();
            lazy.requestRefresh();
            assertThat(queued).as("one background refresh at a time").hasSize(1);
            queued.remove(0).run();
            assertThat(lazy.status()).get().extracting(KeySourceStatus::state)
                    .isEqualTo(KeySourceStatus.State.UNAVAILABLE);

            server.status(200);
            lazy.requestRefresh();
            queued.remove(0).run();
            assertThat(server.requests()).as("no retry before the interval").isEqualTo(1);
            clock.advance(SETTINGS.unknownKidMinInterval());
            lazy.requestRefresh();
            queued.remove(0).run();
            assertThat(lazy.status()).get().satisfies(status -> {
                assertThat(status.state()).isEqualTo(KeySourceStatus.State.FRESH);
                assertThat(status.keyCount()).isEqualTo(1);
            });

            lazy.requestRefresh();
            assertThat(queued).as("a fresh set before its refresh point needs nothing").isEmpty();
        }
    }

    @Test
    void verifyWhenIssuerPublishesNewKeyThenTokensWithItVerifyAfterOneRefresh() {
        verifier.verify(token("a", KEY_A));
        assertThat(server.requests()).isEqualTo(1);

        server.serve(JwksTestServer.jwks("a", KEY_A.getPublic(), "b", KEY_B.getPublic()));
        clock.advance(SETTINGS.unknownKidMinInterval());

        assertThat(verifier.verify(token("b", KEY_B)).getName()).isEqualTo("jdoe@example.com");
        assertThat(server.requests()).isEqualTo(2);
        assertThat(source.version()).isEqualTo(2);
    }

    /** Keycloak signs with a newly added key from the first token on (issue 12, item 10c). */
    @Test
    void verifyWhenIssuerSignsWithNewKeyRightAfterOurFetchThenAcceptedAfterOneRefresh() {
        verifier.verify(token("a", KEY_A));
        server.serve(JwksTestServer.jwks("a", KEY_A.getPublic(), "b", KEY_B.getPublic()));
        clock.advance(Duration.ofSeconds(1)); // well inside unknown-kid.min-interval

        assertThat(verifier.verify(token("b", KEY_B)).getName()).isEqualTo("jdoe@example.com");
        assertThat(server.requests()).as("the initial load and one refresh for the new kid").isEqualTo(2);
    }

    @Test
    void verifyWhenStrayUnknownKidJustBeforeRotationThenNewKeyStillAccepted() {
        verifier.verify(token("a", KEY_A));
        // a fresh fetch that lacks the kid: the honest answer is 401
        assertThat(reasonOf(() -> verifier.verify(token("stray", KEY_B)))).isEqualTo(RejectionReason.NO_MATCHING_KEY);
        server.serve(JwksTestServer.jwks("a", KEY_A.getPublic(), "b", KEY_B.getPublic()));
        clock.advance(Duration.ofSeconds(1));

        verifier.verify(token("b", KEY_B));
        assertThat(server.requests()).isEqualTo(3);
    }

    /** Rate-limited means "we did not look": 503 with a retry hint, never a 401 that blames a possibly valid token. */
    @Test
    void verifyWhenUnknownKidRefreshesAreExhaustedThenUnavailableUntilTheNextRefreshIsAllowed() {
        verifier.verify(token("a", KEY_A));
        int burst = 0;
        for (int i = 0; i < 10; i++) {
            String unknown = token("unknown-" + i, KEY_B);
            if (org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(unknown))
                    instanceof TokenRejectedException) {
                burst++;
            }
        }
        assertThat(burst).as("each refresh that lacked the kid: 401").isEqualTo(JwksKeySource.UNKNOWN_KID_BURST);
        long fetches = server.requests();
        assertThat(fetches).isEqualTo(1 + JwksKeySource.UNKNOWN_KID_BURST);
        server.serve(JwksTestServer.jwks("a", KEY_A.getPublic(), "b", KEY_B.getPublic()));

        Throwable limited = org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(token("b", KEY_B)));
        assertThat(limited).isInstanceOf(VerificationUnavailableException.class)
                .isNotInstanceOf(TokenRejectedException.class);
        assertThat(server.requests()).as("no fetch while rate-limited").isEqualTo(fetches);
        assertThat(((VerificationUnavailableException) limited).retryAfter()).get()
                .satisfies(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(SETTINGS.unknownKidMinInterval()));
        // known kids keep verifying meanwhile
        verifier.verify(token("a", KEY_A));

        clock.advance(((VerificationUnavailableException) limited).retryAfter().orElseThrow());
        verifier.verify(token("b", KEY_B));
        assertThat(server.requests()).isEqualTo(fetches + 1);
    }

    /** Issue 12, item 10b: an unknown kid during an outage cannot be judged; known kids keep verifying. */
    @Test
    void verifyWhenEndpointDownAndKidUnknownThenUnavailableWhileKnownKidsVerifyFromStaleSet() {
        verifier.verify(token("a", KEY_A));
        server.status(500);
        clock.advance(Duration.ofMinutes(11)); // past the TTL: the refresh fails, the stale set serves
        verifier.verify(token("a", KEY_A));
        assertThat(source.status()).get().extracting(KeySourceStatus::state).isEqualTo(KeySourceStatus.State.STALE);

        assertThatThrownBy(() -> verifier.verify(token("b", KEY_B)))
                .isInstanceOf(VerificationUnavailableException.class);
        clock.advance(SETTINGS.unknownKidMinInterval());
        assertThatThrownBy(() -> verifier.verify(token("b", KEY_B)))
                .as("a retry that fails again").isInstanceOf(VerificationUnavailableException.class);
        verifier.verify(token("a", KEY_A));
        assertThat(server.requests()).as("the initial load, the failed refresh, one failed retry").isEqualTo(3);
    }

    @Test
    void verifyWhenEndpointFailsTheRefreshForAnUnknownKidOfAFreshSetThenUnavailable() {
        verifier.verify(token("a", KEY_A));
        server.status(503);
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> verifier.verify(token("b", KEY_B))).isInstanceOf(VerificationUnavailableException.class);
        verifier.verify(token("a", KEY_A));
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void verifyWhenThousandConcurrentRequestsHaveTheSameUnknownKidThenOneFetch() throws Exception {
        verifier.verify(token("a", KEY_A));
        clock.advance(SETTINGS.unknownKidMinInterval());
        String unknown = token("rotated-away", KEY_B);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RejectionReason>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(pool.submit((Callable<RejectionReason>) () -> {
                start.await();
                return reasonOf(() -> verifier.verify(unknown));
            }));
        }
        start.countDown();
        for (Future<RejectionReason> result : results) {
            assertThat(result.get()).isEqualTo(RejectionReason.NO_MATCHING_KEY);
        }
        pool.shutdown();

        assertThat(server.requests()).isEqualTo(2); // the initial load and one refresh for the unknown kid
    }

    @Test
    void verifyWhenTenThousandRandomUnknownKidsThenFetchesStayWithinTheRateLimit() {
        verifier.verify(token("a", KEY_A));
        Duration perRequest = Duration.ofMillis(10); // 10,000 requests over 100 s of clock time
        String claims = TokenFactory.b64(TokenFactory.claims(clock.instant().getEpochSecond()));
        String signature = io.jwtguard.core.jose.Base64Url.encode(new byte[256]); // never reached: no key matches
        int rejected = 0;
        int unavailable = 0;
        for (int i = 0; i < 10_000; i++) {
            String kid = UUID.randomUUID().toString();
            String forged = TokenFactory.b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}") + "." + claims + "." + signature;
            try {
                verifier.verify(forged);
                throw new AssertionError("a forged token was accepted");
            } catch (TokenRejectedException e) {
                assertThat(e.reason()).isEqualTo(RejectionReason.NO_MATCHING_KEY);
                rejected++;
            } catch (VerificationUnavailableException e) {
                unavailable++;
            }
            clock.advance(perRequest);
        }
        // the initial load, the burst, then one per interval
        long allowed = 1 + JwksKeySource.UNKNOWN_KID_BURST + Duration.ofSeconds(100).dividedBy(SETTINGS.unknownKidMinInterval());
        assertThat(server.requests()).isLessThanOrEqualTo((int) allowed);
        assertThat(rejected).as("one 401 per fetch that lacked the kid").isEqualTo(server.requests() - 1);
        System.out.println("10,000 random unknown kids over 100 s of clock time: " + server.requests()
                + " JWKS fetches (limit " + allowed + "), " + rejected + " rejected, " + unavailable + " unavailable");
    }

    @Test
    void verifyWhenEndpointDownThenLastGoodSetServesUntilStaleBoundThenInfrastructureError() {
        verifier.verify(token("a", KEY_A));
        server.status(500);

        clock.advance(Duration.ofMinutes(10)); // default TTL passed: refresh fails, stale set serves
        verifier.verify(token("a", KEY_A));
        assertThat(source.status()).get().extracting(KeySourceStatus::state).isEqualTo(KeySourceStatus.State.STALE);

        server.stop();
        clock.advance(SETTINGS.staleIfError().minusSeconds(1));
        verifier.verify(token("a", KEY_A));

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> verifier.verify(token("a", KEY_A)))
                .isInstanceOf(VerificationUnavailableException.class);
        assertThat(source.status()).get().satisfies(status -> {
            assertThat(status.state()).isEqualTo(KeySourceStatus.State.UNAVAILABLE);
            assertThat(status.keyCount()).as("the set past its stale bound serves no key").isZero();
            assertThat(status.keySetAge()).as("the age of that set stays visible").isPresent();
            assertThat(status.lastError()).isPresent();
            assertThat(status.lastSuccessfulRefresh()).contains(TestConfigs.NOW);
        });
    }

    @Test
    void verifyWhenEndpointFailsRepeatedlyThenRetriesAreRateLimited() {
        server.status(500);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> verifier.verify(token("a", KEY_A)))
                    .isInstanceOf(VerificationUnavailableException.class);
        }
        assertThat(server.requests()).isEqualTo(1);
        clock.advance(SETTINGS.unknownKidMinInterval());
        server.serve(JwksTestServer.jwks("a", KEY_A.getPublic()));
        verifier.verify(token("a", KEY_A));
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void keysWhenServerSendsGarbageThenStaleSetKeepsServing() {
        verifier.verify(token("a", KEY_A));
        server.serve("<html>oops</html>");
        clock.advance(Duration.ofMinutes(11));

        verifier.verify(token("a", KEY_A));
        assertThat(source.status()).get().extracting(KeySourceStatus::state).isEqualTo(KeySourceStatus.State.STALE);
    }

    @Test
    void keysWhenServerIsSlowThenCallerWaitsNoLongerThanTheTimeout() {
        server.delay(5_000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> source.keys()).isInstanceOf(VerificationUnavailableException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        // the read timeout is 800 ms; the server would take 5 s
        assertThat(waited).isLessThan(Duration.ofMillis(4_000));
    }

    @Test
    void keysWhenServerTricklesItsBodyThenCallerGivesUpAfterTheDeadline() throws Exception {
        // headers at once, then one byte every 100 ms of a 1000-byte body: 100 s in all
        try (ServerSocket trickler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try (Socket client = trickler.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    OutputStream out = client.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 999; i++) {
                        out.flush();
                        Thread.sleep(100);
                        out.write(' ');
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up: expected
                }
            }, "trickler");
            serving.setDaemon(true);
            serving.start();
            URI uri = URI.create("http://127.0.0.1:" + trickler.getLocalPort() + "/jwks");
            try (JwksKeySource slow = JwksKeySource.create(uri, SETTINGS, new KeyStrengthPolicy(2048), clock, Runnable::run)) {
                long started = System.nanoTime();
                assertThatThrownBy(slow::keys).isInstanceOf(VerificationUnavailableException.class);
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                // the deadline is 800 ms (read timeout), checked after each read: far below the 100 s the server would take
                assertThat(waited).isLessThan(Duration.ofMillis(4_000));
            }
        }
    }

    @Test
    void keysWhenFetchedThenNoHttpClientThreadOutlivesTheFetch() {
        source.keys();
        source.close();
        // java.net.http.HttpClient leaves an "HttpClient-N-SelectorManager" thread per client until the
        // client is garbage collected (Java 17): one per undeployed application (tck-tests/README.md)
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("HttpClient-"));
    }

    @Test
    void keysWhenCacheControlMaxAgeThenHonouredWithinBounds() {
        server.cacheControl("public, max-age=300");
        source.keys();
        clock.advance(Duration.ofSeconds(299 - 60)); // before the refresh-ahead point
        source.keys();
        assertThat(server.requests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));      // inside refresh-ahead: background refresh (direct executor)
        source.keys();
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void keysWhenMaxAgeBelowMinimumThenMinimumApplies() {
        server.cacheControl("max-age=1");
        source.keys();
        clock.advance(Duration.ofSeconds(29)); // min TTL 60 s, refresh-ahead capped at half: 30 s
        source.keys();
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void keysWhenMaxAgeAboveMaximumThenMaximumApplies() {
        server.cacheControl("max-age=999999");
        source.keys();
        clock.advance(Duration.ofHours(1));
        source.keys();
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void keysWhenRedirectedThenNotFollowed() throws Exception {
        try (JwksTestServer other = new JwksTestServer().serve(JwksTestServer.jwks("a", KEY_A.getPublic()))) {
            server.redirectTo(other.uri().toString());
            assertThatThrownBy(() -> source.keys()).isInstanceOf(VerificationUnavailableException.class);
            assertThat(other.requests()).isZero();
        }
    }

    @Test
    void keysWhenResponseExceedsSizeCapThenRefused() {
        StringBuilder big = new StringBuilder("{\"keys\":[],\"padding\":\"");
        big.append("x".repeat(SETTINGS.maxResponseBytes()));
        server.serve(big.append("\"}").toString());
        assertThatThrownBy(() -> source.keys()).isInstanceOf(VerificationUnavailableException.class)
                .hasMessageContaining(String.valueOf(SETTINGS.maxResponseBytes()));
    }

    @Test
    void keysWhenSetHasBadKeysThenOnlyGoodOnesServed() {
        RSAPublicKey good = (RSAPublicKey) KEY_A.getPublic();
        server.serve("{\"keys\":["
                + JwksTestServer.rsaJwk("good", good, "") + ","
                + JwksTestServer.rsaJwk("enc", good, ",\"use\":\"enc\"") + ","
                + JwksTestServer.rsaJwk("noverify", good, ",\"key_ops\":[\"encrypt\"]") + ","
                + JwksTestServer.rsaJwk("wrongalg", good, ",\"alg\":\"ES256\"") + ","
                + JwksTestServer.rsaJwk("private", good, ",\"d\":\"AQAB\"") + ","
                + JwksTestServer.rsaJwk("weak", (RSAPublicKey) TestKeys.RSA_1024.getPublic(), "") + ","
                + JwksTestServer.rsaJwk("dup", good, "") + "," + JwksTestServer.rsaJwk("dup", good, "") + ","
                + "{\"kty\":\"oct\",\"kid\":\"secret\",\"k\":\"c2VjcmV0\"}]}");

        assertThat(source.keys()).extracting(k -> k.keyId().orElseThrow()).containsExactly("good");
    }

    @Test
    void keysWhenEveryKeyIsDroppedThenUnavailable() {
        server.serve("{\"keys\":[" + JwksTestServer.rsaJwk("weak", (RSAPublicKey) TestKeys.RSA_1024.getPublic(), "")
                + "]}");
        assertThatThrownBy(() -> source.keys()).isInstanceOf(VerificationUnavailableException.class);
    }

    @Test
    void createWhenPrefetchThenFetchedAtStart() {
        try (JwksKeySource prefetching = JwksKeySource.create(server.uri(), SETTINGS.withPrefetch(true),
                new KeyStrengthPolicy(2048), clock, Runnable::run)) {
            assertThat(server.requests()).isEqualTo(1);
            assertThat(prefetching.status()).get().extracting(KeySourceStatus::state)
                    .isEqualTo(KeySourceStatus.State.FRESH);
        }
    }

    @Test
    void createWhenPlainHttpToNonLoopbackThenRefused() {
        assertThatThrownBy(() -> JwksKeySource.create(URI.create("http://192.0.2.10/jwks"), SETTINGS,
                new KeyStrengthPolicy(2048), clock, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThat(JwksKeySource.isAcceptableUri(URI.create("https://idp.example/jwks"))).isTrue();
        assertThat(JwksKeySource.isAcceptableUri(URI.create("file:///etc/jwks"))).isFalse();
    }

    /** Issue 12, item 10d: a key the issuer removed stops verifying cached tokens within one refresh interval. */
    @Test
    void verifyWhenKeyLeavesTheSetThenCachedTokenSignedWithItIsRefusedAfterTheNextRefresh() {
        server.cacheControl("max-age=60"); // TTL 60 s, refresh-ahead capped at 30 s
        server.serve(JwksTestServer.jwks("a", KEY_A.getPublic(), "b", KEY_B.getPublic()));
        source.keys(); // loaded before the tokens arrive, so both are cached under this key set's version
        String signedByA = token("a", KEY_A);
        String signedByB = token("b", KEY_B);
        verifier.verify(signedByA);
        verifier.verify(signedByB);
        assertThat(verifier.cachedTokenCount()).isEqualTo(2);
        server.serve(JwksTestServer.jwks("b", KEY_B.getPublic())); // the issuer disables key a

        clock.advance(Duration.ofSeconds(61)); // the set is past its TTL
        assertThat(reasonOf(() -> verifier.verify(signedByA))).isEqualTo(RejectionReason.NO_MATCHING_KEY);
        assertThat(verifier.verify(signedByB).getName()).isEqualTo("jdoe@example.com");
        assertThat(reasonOf(() -> verifier.verify(signedByA))).isEqualTo(RejectionReason.NO_MATCHING_KEY);
    }

    @Test
    void verifyWhenOnlyCacheHitsArriveThenTheyRefreshTheKeySetAhead() {
        server.cacheControl("max-age=60");
        source.keys();
        String signedByA = token("a", KEY_A);
        verifier.verify(signedByA);
        server.serve(JwksTestServer.jwks("b", KEY_B.getPublic()));

        clock.advance(Duration.ofSeconds(29));
        verifier.verify(signedByA);
        assertThat(server.requests()).as("before the refresh-ahead point").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2)); // inside refresh-ahead: the hit refreshes (direct executor)
        assertThat(reasonOf(() -> verifier.verify(signedByA))).isEqualTo(RejectionReason.NO_MATCHING_KEY);
        assertThat(server.requests()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void verifyWhenCachedTokenAndKeySetPastStaleBoundThenUnavailableLikeAnUncachedToken() {
        JwksSettings shortStale = new JwksSettings(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofMillis(800), 64 * 1024, false);
        try (JwksKeySource shortLived = JwksKeySource.create(server.uri(), shortStale, new KeyStrengthPolicy(2048),
                clock, Runnable::run)) {
            TokenVerifier cached = TokenVerifier.create(VerifierConfig.builder()
                    .keySource(shortLived)
                    .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                    .issuer(TokenFactory.ISSUER)
                    .audiences(Set.of(TokenFactory.AUDIENCE))
                    .clock(clock)
                    .build());
            shortLived.keys();
            String signedByA = token("a", KEY_A); // lives 300 s
            cached.verify(signedByA);
            server.status(500);

            clock.advance(Duration.ofSeconds(90)); // past the TTL, within stale-if-error
            cached.verify(signedByA);
            clock.advance(Duration.ofSeconds(40)); // past stale-if-error; the token is still within its lifetime
            assertThatThrownBy(() -> cached.verify(signedByA)).isInstanceOf(VerificationUnavailableException.class);
        }
    }

    /** Issue 12, item 10e: Keycloak publishes its encryption key in the same set. */
    @Test
    void keysWhenSetKeepsAnIgnoredKeyThenOneWarningPerKidAndReasonAcrossFetches() {
        RSAPublicKey good = (RSAPublicKey) KEY_A.getPublic();
        String enc = JwksTestServer.rsaJwk("enc-1", good, ",\"use\":\"enc\"");
        String weak = JwksTestServer.rsaJwk("weak-1", (RSAPublicKey) TestKeys.RSA_1024.getPublic(), "");
        server.serve("{\"keys\":[" + JwksTestServer.rsaJwk("a", good, "") + "," + enc + "," + weak + "]}");
        try (LogCapture logs = LogCapture.of("io.jwtguard.core.keys")) {
            for (int i = 0; i < 5; i++) {
                source.refreshNow();
            }
            assertThat(server.requests()).isEqualTo(5);
            assertThat(logs.warnings()).filteredOn(w -> w.contains("enc-1")).hasSize(1);
            assertThat(logs.warnings()).filteredOn(w -> w.contains("weak-1")).hasSize(1);
            assertThat(logs.messages()).as("later fetches say it at a lower level")
                    .filteredOn(w -> w.contains("enc-1")).hasSize(5);

            String enc2 = JwksTestServer.rsaJwk("enc-2", good, ",\"use\":\"enc\"");
            server.serve("{\"keys\":[" + JwksTestServer.rsaJwk("a", good, "") + "," + enc + "," + enc2 + "]}");
            source.refreshNow();
            source.refreshNow();
            assertThat(logs.warnings()).filteredOn(w -> w.contains("enc-2")).hasSize(1);
            assertThat(logs.warnings()).filteredOn(w -> w.contains("enc-1")).hasSize(1);
        }
    }

    @Test
    void keysWhenAnotherSourceIgnoresTheSameKidThenItWarnsToo() {
        RSAPublicKey good = (RSAPublicKey) KEY_A.getPublic();
        server.serve("{\"keys\":[" + JwksTestServer.rsaJwk("a", good, "") + ","
                + JwksTestServer.rsaJwk("enc-1", good, ",\"use\":\"enc\"") + "]}");
        try (LogCapture logs = LogCapture.of("io.jwtguard.core.keys");
                JwksKeySource other = JwksKeySource.create(server.uri(), SETTINGS, new KeyStrengthPolicy(2048), clock,
                        Runnable::run)) {
            source.refreshNow();
            other.refreshNow();
            source.refreshNow();
            other.refreshNow();

            assertThat(logs.warnings()).filteredOn(w -> w.contains("enc-1")).hasSize(2);
        }
    }

    @Test
    void statusWhenFreshThenReportsCountsAndAge() {
        source.keys();
        clock.advance(Duration.ofSeconds(30));
        KeySourceStatus status = source.status().orElseThrow();
        assertThat(status.state()).isEqualTo(KeySourceStatus.State.FRESH);
        assertThat(status.keyCount()).isEqualTo(1);
        assertThat(status.keySetAge()).contains(Duration.ofSeconds(30));
        assertThat(status.fetchCount()).isEqualTo(1);
        assertThat(status.lastError()).isEmpty();
        assertThat(status.source()).isEqualTo(server.uri().toString());
    }
}

package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.JwksKeySource;
import io.jwtguard.core.keys.JwksSettings;
import java.net.URI;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of tokens with random unknown {@code kid}s must not turn into key-endpoint fetches
 * (RFC 8725 section 3.10; an amplification and denial-of-service vector against the issuer):
 * at most {@link JwksKeySource#UNKNOWN_KID_BURST} refreshes at once, then one per interval. A
 * token whose kid a fresh fetch lacked is refused (401); one whose kid could not be looked up
 * (rate-limited, or the endpoint failed) gets "unavailable" (503), never a 401.
 * A real JDK HTTP server on loopback serves the JWK Set and counts requests; time moves only by
 * a {@link MutableClock}.
 */
class KidFloodTest {
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final int FLOOD = 1_000;
    private static final int THREADS = 8;
    private static final String JWKS = Jwks.set(Jwks.rsa("k1", (RSAPublicKey) TestKeys.RSA_2048.getPublic()));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicInteger fetches = new AtomicInteger();
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private volatile int status = 200;
    private HttpServer server;
    private TokenVerifier verifier;

    @BeforeEach
    void startKeyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            int code = status;
            byte[] body = (code == 200 ? JWKS : "{\"error\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String location = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        verifier = TokenVerifier.create(TestConfigs.builder()
                .keySource(JwksKeySource.create(URI.create(location), JwksSettings.DEFAULTS.withUnknownKidMinInterval(
                        RETRY_INTERVAL), new KeyStrengthPolicy(2048), clock, Runnable::run))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(clock)
                .build());
    }

    @AfterEach
    void stopKeyServer() {
        server.stop(0);
    }

    /** Signed by the trusted key, so only the kid mismatch refuses it. */
    private static String withKid(String kid) {
        return HostileTokens.rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}");
    }

    private static List<String> unknownKidTokens(int count) {
        // one signature serves all: key selection happens before the signature is checked
        String signature = HostileTokens.segments(withKid("k1"))[2];
        String payload = TokenFactory.b64(HostileTokens.claims());
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] kid = new byte[12];
            RANDOM.nextBytes(kid);
            tokens.add(TokenFactory.b64("{\"alg\":\"RS256\",\"kid\":\"" + Base64Url.encode(kid) + "\"}") + "."
                    + payload + "." + signature);
        }
        return tokens;
    }

    @Test
    void verifyWhenKeyServerUpThenKnownKidAcceptedAfterOneFetch() {
        assertAccepted(verifier, withKid("k1"));
        assertAccepted(verifier, withKid("k1"));

        assertThat(fetches).hasValue(1);
    }

    @Test
    void verifyWhenFloodOfUnknownKidsSequentiallyThenOnlyTheBurstIsFetched() {
        List<String> tokens = unknownKidTokens(FLOOD);
        for (String token : tokens.subList(0, JwksKeySource.UNKNOWN_KID_BURST)) {
            assertRejected(verifier, token, RejectionReason.NO_MATCHING_KEY);
        }
        for (String token : tokens.subList(JwksKeySource.UNKNOWN_KID_BURST, FLOOD)) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(VerificationUnavailableException.class);
        }

        assertThat(fetches).as("the initial load and the burst").hasValue(1 + JwksKeySource.UNKNOWN_KID_BURST);
        assertAccepted(verifier, withKid("k1"));
        assertThat(fetches).hasValue(1 + JwksKeySource.UNKNOWN_KID_BURST);
    }

    @Test
    void verifyWhenFloodOfTheSameUnknownKidThenOneRefreshAndEveryTokenRejected() {
        String token = unknownKidTokens(1).get(0);
        for (int i = 0; i < FLOOD; i++) {
            assertRejected(verifier, token, RejectionReason.NO_MATCHING_KEY);
        }

        assertThat(fetches).as("the initial load and one refresh").hasValue(2);
    }

    @Test
    void verifyWhenFloodOfUnknownKidsFromManyThreadsThenAtMostTheBurstIsFetched() throws Exception {
        List<Object> outcomes = flood(unknownKidTokens(FLOOD));

        assertThat(outcomes).hasSize(FLOOD)
                .containsOnly(RejectionReason.NO_MATCHING_KEY, VerificationUnavailableException.class)
                .contains(RejectionReason.NO_MATCHING_KEY);
        assertThat(fetches.get()).isBetween(2, 1 + JwksKeySource.UNKNOWN_KID_BURST);
        int before = fetches.get();
        assertAccepted(verifier, withKid("k1"));
        assertThat(fetches).hasValue(before);
    }

    /** "We are broken" is not "the token is bad": no 401 for a down key server, and no retry storm. */
    @Test
    void verifyWhenKeyServerFailsThenVerificationUnavailableAndAtMostOneFetchPerRetryInterval() {
        status = 500;
        for (String token : unknownKidTokens(FLOOD)) {
            assertThatThrownBy(() -> verifier.verify(token))
                    .isInstanceOf(VerificationUnavailableException.class)
                    .isNotInstanceOf(TokenRejectedException.class);
        }
        assertThat(fetches).hasValue(1);

        clock.advance(RETRY_INTERVAL.minusMillis(1));
        assertThatThrownBy(() -> verifier.verify(withKid("k1"))).isInstanceOf(VerificationUnavailableException.class);
        assertThat(fetches).as("still inside the retry interval").hasValue(1);

        clock.advance(Duration.ofMillis(1));
        for (String token : unknownKidTokens(100)) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(VerificationUnavailableException.class);
        }
        assertThat(fetches).as("one retry once the interval has passed").hasValue(2);

        status = 200;
        clock.advance(RETRY_INTERVAL);
        assertAccepted(verifier, withKid("k1"));
        assertThat(fetches).hasValue(3);
        List<String> unknown = unknownKidTokens(100);
        for (String token : unknown.subList(0, JwksKeySource.UNKNOWN_KID_BURST)) {
            assertRejected(verifier, token, RejectionReason.NO_MATCHING_KEY);
        }
        for (String token : unknown.subList(JwksKeySource.UNKNOWN_KID_BURST, unknown.size())) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(VerificationUnavailableException.class);
        }
        assertThat(fetches).as("loaded keys are kept; the burst is spent")
                .hasValue(3 + JwksKeySource.UNKNOWN_KID_BURST);
        assertAccepted(verifier, withKid("k1"));
    }

    @Test
    void verifyWhenKeyServerFailsUnderConcurrentFloodThenAtMostOneFetch() throws Exception {
        status = 500;

        List<Object> outcomes = flood(unknownKidTokens(FLOOD));

        assertThat(outcomes).hasSize(FLOOD).containsOnly(VerificationUnavailableException.class);
        assertThat(fetches).hasValue(1);
    }

    /** Verifies all tokens from {@link #THREADS} threads released together; returns a reason or exception class each. */
    private List<Object> flood(List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            int share = tokens.size() / THREADS;
            for (int t = 0; t < THREADS; t++) {
                List<String> mine = tokens.subList(t * share, t == THREADS - 1 ? tokens.size() : (t + 1) * share);
                Callable<List<Object>> task = () -> {
                    start.await();
                    List<Object> outcomes = new ArrayList<>();
                    for (String token : mine) {
                        try {
                            verifier.verify(token);
                            outcomes.add("accepted");
                        } catch (TokenRejectedException e) {
                            outcomes.add(e.reason());
                        } catch (RuntimeException e) {
                            outcomes.add(e.getClass());
                        }
                    }
                    return outcomes;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Object> all = new ArrayList<>();
            for (Future<List<Object>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}

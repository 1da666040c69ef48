package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.TokenTransport;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.observe.RejectionListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A key outage is answered 503 with {@code Retry-After}: the key source's own hint when it has
 * one (a rate-limited lookup of an unknown kid knows when it may look), else the configured value.
 */
class RequestAuthenticatorUnavailableTest {
    private static final Duration CONFIGURED = Duration.ofSeconds(17);
    private static final String TOKEN = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k\"}") + "."
            + b64("{\"sub\":\"user-1\"}") + "." + Base64Url.encode(new byte[256]);

    private final AtomicInteger unavailableEvents = new AtomicInteger();

    private static String b64(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A key source that cannot deliver keys, failing with {@code failure}. */
    private static KeySource failing(VerificationUnavailableException failure) {
        return new KeySource() {
            @Override
            public List<VerificationKey> keys() {
                throw failure;
            }

            @Override
            public String describe() {
                return "failing test source";
            }
        };
    }

    private AuthenticationOutcome authenticate(VerificationUnavailableException failure) {
        return authenticator(failure).authenticate(request());
    }

    private static TokenExtractorTest.Request request() {
        return new TokenExtractorTest.Request().header("Authorization", "Bearer " + TOKEN);
    }

    private RequestAuthenticator authenticator(VerificationUnavailableException failure) {
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(failing(failure))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer("https://issuer.example")
                .audiences(Set.of("api"))
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build());
        RejectionListener listener = new RejectionListener() {
            @Override
            public void rejected(io.jwtguard.runtime.observe.TokenRejected event) {
            }

            @Override
            public void unavailable(io.jwtguard.core.availability.VerificationUnavailableException.Source source) {
                unavailableEvents.incrementAndGet();
            }
        };
        return new RequestAuthenticator(verifier, new TokenExtractor(TokenTransport.DEFAULT), listener, CONFIGURED);
    }

    @Test
    void authenticateWhenKeysUnavailableWithoutHintThenConfiguredRetryAfter() {
        AuthenticationOutcome outcome = authenticate(new VerificationUnavailableException(
                VerificationUnavailableException.Source.KEYS,
                "down", null));

        assertThat(outcome).isEqualTo(new AuthenticationOutcome.Unavailable(CONFIGURED));
        assertThat(unavailableEvents).hasValue(1);
    }

    @Test
    void authenticateWhenKeySourceGivesRetryHintThenItsHintRoundedUpToWholeSeconds() {
        AuthenticationOutcome outcome = authenticate(
                new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                        "rate-limited", null, Duration.ofMillis(2_300)));

        assertThat(outcome).isEqualTo(new AuthenticationOutcome.Unavailable(Duration.ofSeconds(3)));
        assertThat(unavailableEvents).hasValue(1);
    }

    @Test
    void authenticateWhenHintIsUnderOneSecondThenRetryAfterIsOneSecond() {
        AuthenticationOutcome outcome = authenticate(
                new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                        "rate-limited", null, Duration.ofMillis(10)));

        assertThat(outcome).isEqualTo(new AuthenticationOutcome.Unavailable(Duration.ofSeconds(1)));
    }

    @Test
    void authenticateWhenKeysStayUnavailableThenEveryRequestGets503ButTheLogOneWarning() {
        // the fault benchmark's JWKS outage: thousands of requests a minute, each logged at WARNING before
        Logger log = Logger.getLogger(RequestAuthenticator.class.getName());
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            RequestAuthenticator authenticator = authenticator(new VerificationUnavailableException(
                    VerificationUnavailableException.Source.KEYS, "down", null));
            for (int i = 0; i < 100; i++) {
                assertThat(authenticator.authenticate(request())).isEqualTo(new AuthenticationOutcome.Unavailable(CONFIGURED));
            }
        } finally {
            log.removeHandler(handler);
        }

        assertThat(unavailableEvents).hasValue(100);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage()).startsWith("Cannot verify tokens, answering 503: ");
    }
}

package io.jwtguard.runtime.observe.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RefusalReason;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.RequestRefusal;
import io.jwtguard.runtime.observe.TokenRejected;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics recorded through a real OpenTelemetry SDK with an in-memory reader. */
class OpenTelemetryMetricsTest {
    private InMemoryMetricReader reader;
    private OpenTelemetry openTelemetry;

    @BeforeEach
    void setUp() {
        reader = InMemoryMetricReader.create();
        openTelemetry = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
                .build();
    }

    @AfterEach
    void tearDown() {
        GlobalOpenTelemetry.resetForTest();
    }

    private static TokenRejected rejection(RefusalReason reason) {
        return new TokenRejected(reason, Optional.empty(), Optional.of("https://issuer.example"), Optional.of("0123456789abcdef"),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Optional<MetricData> metric(String name) {
        return reader.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    private static long count(MetricData data, RefusalReason reason) {
        return data.getLongSumData().getPoints().stream()
                .filter(p -> reason.name().equals(p.getAttributes().get(OpenTelemetryMetrics.REASON)))
                .mapToLong(LongPointData::getValue).sum();
    }

    @Test
    void rejectedWhenEventsThenCountedPerReasonWithErrorCode() {
        OpenTelemetryMetrics metrics = new OpenTelemetryMetrics(() -> openTelemetry);
        metrics.rejected(rejection(RejectionReason.EXPIRED));
        metrics.rejected(rejection(RejectionReason.EXPIRED));
        metrics.rejected(rejection(RequestRefusal.INSUFFICIENT_SCOPE));
        metrics.unavailable(VerificationUnavailableException.Source.KEYS);
        metrics.rejected(new TokenRejected(RejectionReason.CUSTOM_RULE, Optional.of("tenant"), Optional.empty(),
                Optional.empty(), Instant.parse("2026-01-01T00:00:00Z")));

        MetricData rejections = metric(OpenTelemetryMetrics.REJECTIONS).orElseThrow();
        assertThat(count(rejections, RejectionReason.EXPIRED)).isEqualTo(2);
        assertThat(count(rejections, RequestRefusal.INSUFFICIENT_SCOPE)).isEqualTo(1);
        assertThat(rejections.getLongSumData().getPoints()).anySatisfy(p -> assertThat(p.getAttributes())
                .isEqualTo(Attributes.of(OpenTelemetryMetrics.REASON, "INSUFFICIENT_SCOPE",
                        OpenTelemetryMetrics.ERROR, "insufficient_scope")));
        assertThat(rejections.getLongSumData().getPoints()).anySatisfy(p -> assertThat(p.getAttributes())
                .isEqualTo(Attributes.of(OpenTelemetryMetrics.REASON, "CUSTOM_RULE",
                        OpenTelemetryMetrics.ERROR, "invalid_token", OpenTelemetryMetrics.RULE, "tenant")));
        assertThat(metric(OpenTelemetryMetrics.UNAVAILABLE).orElseThrow().getLongSumData().getPoints())
                .singleElement().satisfies(p -> {
                    assertThat(p.getValue()).isEqualTo(1L);
                    assertThat(p.getAttributes().get(OpenTelemetryMetrics.SOURCE)).isEqualTo("KEYS");
                });
    }

    @Test
    void rejectedWhenEventCarriesIssuerAndDigestThenNeitherBecomesAnAttribute() {
        new OpenTelemetryMetrics(() -> openTelemetry).rejected(rejection(RejectionReason.INVALID_SIGNATURE));

        String everything = metric(OpenTelemetryMetrics.REJECTIONS).orElseThrow().toString();
        assertThat(everything).doesNotContain("0123456789abcdef").doesNotContain("issuer.example");
    }

    @Test
    void createWhenGlobalOpenTelemetryThenGuardReportsRejectionsToIt() throws Exception {
        GlobalOpenTelemetry.set(openTelemetry);
        Map<String, String> properties = properties();
        JwtGuard guard = JwtGuard.create(name -> Optional.ofNullable(properties.get(name)));

        guard.authenticator().report(RequestRefusal.STALE_FOR_RESOURCE, null);

        assertThat(count(metric(OpenTelemetryMetrics.REJECTIONS).orElseThrow(), RequestRefusal.STALE_FOR_RESOURCE))
                .isEqualTo(1);
    }

    @Test
    void createWhenOpenTelemetrySwitchedOffThenNothingRecorded() throws Exception {
        GlobalOpenTelemetry.set(openTelemetry);
        Map<String, String> properties = properties();
        properties.put("jwtguard.metrics.opentelemetry.enabled", "false");
        JwtGuard guard = JwtGuard.create(name -> Optional.ofNullable(properties.get(name)));

        guard.authenticator().report(RejectionReason.EXPIRED, null);

        assertThat(metric(OpenTelemetryMetrics.REJECTIONS)).isEmpty();
        assertThat(guard.counters().count(RejectionReason.EXPIRED)).isEqualTo(1);
    }

    private static Map<String, String> properties() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Map<String, String> p = new HashMap<>();
        p.put("mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(
                generator.generateKeyPair().getPublic().getEncoded()));
        p.put("mp.jwt.verify.issuer", "https://issuer.example");
        p.put("mp.jwt.verify.audiences", "orders-api");
        return p;
    }
}

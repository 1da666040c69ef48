package io.jwtguard.runtime.observe.otel;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.runtime.observe.RejectionListener;
import io.jwtguard.runtime.observe.TokenRejected;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Rejections and key outages as OpenTelemetry counters, through the runtime's OpenTelemetry
 * (MicroProfile Telemetry's CDI bean when there is one, else {@link GlobalOpenTelemetry}):
 *
 * <ul>
 *   <li>{@value #REJECTIONS}: requests refused, with attributes {@code reason} (a
 *       {@link io.jwtguard.core.verify.RejectionReason} name) and {@code error} (the RFC 6750
 *       code); never the token, its digest or its issuer (unbounded values do not belong in
 *       metric attributes);</li>
 *   <li>{@value #UNAVAILABLE}: requests answered 503 because something verification needs was
 *       unavailable, with attribute {@code source} ({@code KEYS}, {@code REVOCATION_STORE},
 *       {@code APPLICATION_RULE}). Application-rule refusals carry {@code rule} (the rule code)
 *       besides {@code reason} and {@code error}.</li>
 * </ul>
 *
 * <p>The OpenTelemetry instance is looked up on the first event, when the application's CDI
 * container is surely up. Thread-safe. Only loaded when the OpenTelemetry API is present.
 */
public final class OpenTelemetryMetrics implements RejectionListener {
    /** Name of the rejection counter. */
    public static final String REJECTIONS = "jwtguard.token.rejections";
    /** Name of the key-outage counter. */
    public static final String UNAVAILABLE = "jwtguard.keys.unavailable";
    /** The instrumentation scope. */
    public static final String SCOPE = "io.jwtguard.runtime";

    static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    /** The code of the application rule, on {@code CUSTOM_RULE} refusals only. */
    static final AttributeKey<String> RULE = AttributeKey.stringKey("rule");
    /** What was unavailable: {@code KEYS}, {@code REVOCATION_STORE} or {@code APPLICATION_RULE}. */
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("error");

    private final Supplier<OpenTelemetry> source;
    private volatile Instruments instruments;

    private record Instruments(LongCounter rejections, LongCounter unavailable) {
    }

    /** @param source supplies the OpenTelemetry to use; called once, on the first event */
    public OpenTelemetryMetrics(Supplier<OpenTelemetry> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Metrics through the application's OpenTelemetry: its CDI bean if any, else the global one. */
    public static OpenTelemetryMetrics ofRuntime() {
        return new OpenTelemetryMetrics(OpenTelemetryMetrics::lookUp);
    }

    @Override
    public void rejected(TokenRejected event) {
        Attributes attributes = event.ruleCode().isPresent()
                ? Attributes.of(REASON, event.reason().name(), ERROR, event.reason().errorCode().code(),
                        RULE, event.ruleCode().get())
                : Attributes.of(REASON, event.reason().name(), ERROR, event.reason().errorCode().code());
        instruments().rejections().add(1, attributes);
    }

    @Override
    public void unavailable(VerificationUnavailableException.Source source) {
        instruments().unavailable().add(1, Attributes.of(SOURCE, source.name()));
    }

    private Instruments instruments() {
        Instruments current = instruments;
        if (current == null) {
            synchronized (this) {
                current = instruments;
                if (current == null) {
                    Meter meter = source.get().getMeter(SCOPE);
                    current = new Instruments(
                            meter.counterBuilder(REJECTIONS).setUnit("{request}")
                                    .setDescription("Requests refused by JWT Guard, by reason").build(),
                            meter.counterBuilder(UNAVAILABLE).setUnit("{request}")
                                    .setDescription("Requests answered 503 because keys were unavailable").build());
                    instruments = current;
                }
            }
        }
        return current;
    }

    private static OpenTelemetry lookUp() {
        try {
            Class.forName("jakarta.enterprise.inject.spi.CDI", false, OpenTelemetryMetrics.class.getClassLoader());
            return CdiOpenTelemetry.find().orElseGet(GlobalOpenTelemetry::get);
        } catch (ClassNotFoundException | LinkageError e) {
            return GlobalOpenTelemetry.get();
        }
    }
}

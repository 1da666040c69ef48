package io.jwtguard.runtime.observe.otel;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;

/** The OpenTelemetry bean of MicroProfile Telemetry, if the application's CDI container has one. */
final class CdiOpenTelemetry {
    private CdiOpenTelemetry() {
    }

    static Optional<OpenTelemetry> find() {
        try {
            Instance<OpenTelemetry> instance = CDI.current().select(OpenTelemetry.class);
            return instance.isResolvable() ? Optional.of(instance.get()) : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty(); // no CDI container for this application
        }
    }
}

/**
 * OpenTelemetry metrics of rejections and key outages; loaded only when the runtime provides
 * the OpenTelemetry API (MicroProfile Telemetry) and {@code jwtguard.metrics.opentelemetry.enabled}
 * is not false.
 */
package io.jwtguard.runtime.observe.otel;

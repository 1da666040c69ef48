/**
 * Observability of rejections: the CDI event fired once per rejection
 * ({@link io.jwtguard.runtime.observe.TokenRejected}), per-reason counters
 * ({@link io.jwtguard.runtime.observe.RejectionCounters}), and the bridge to OpenTelemetry
 * metrics, used only when the OpenTelemetry API is present at run time. Tokens are never
 * carried: only a {@link io.jwtguard.runtime.http.TokenDigest digest}.
 */
package io.jwtguard.runtime.observe;

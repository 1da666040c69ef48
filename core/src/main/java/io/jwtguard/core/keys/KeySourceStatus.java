package io.jwtguard.core.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key source's health, for health checks and metrics at the edge. Immutable. Never contains
 * key material.
 *
 * @param source where the keys come from (a location or a description), not null
 * @param state whether keys are being served and how fresh they are, not null
 * @param keyCount how many usable keys are served now
 * @param lastSuccessfulRefresh when keys were last loaded successfully, if ever
 * @param keySetAge how old the served key set is, if any is served
 * @param lastError the last load failure's diagnostic, if the last load failed
 * @param fetchCount how many loads were attempted since start
 */
public record KeySourceStatus(
        String source,
        State state,
        int keyCount,
        Optional<Instant> lastSuccessfulRefresh,
        Optional<Duration> keySetAge,
        Optional<String> lastError,
        long fetchCount) {

    /** Whether keys are served and how fresh they are. */
    public enum State {
        /** Keys have never been loaded (lazy source before first use). */
        NOT_LOADED,
        /** Keys are loaded and within their cache lifetime. */
        FRESH,
        /** The cache lifetime passed and refreshing fails; the last good set is served within the stale bound. */
        STALE,
        /** No usable keys: verification fails with an infrastructure error (HTTP 503). */
        UNAVAILABLE
    }

    public KeySourceStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSuccessfulRefresh, "lastSuccessfulRefresh");
        Objects.requireNonNull(keySetAge, "keySetAge");
        Objects.requireNonNull(lastError, "lastError");
    }
}

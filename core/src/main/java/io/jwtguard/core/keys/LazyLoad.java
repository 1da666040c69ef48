package io.jwtguard.core.keys;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A value loaded on first use and then kept. A failed load is reported as
 * {@link VerificationUnavailableException} and retried on a later call, at most once per retry
 * interval, so a broken location cannot turn every request into a fetch.
 *
 * <p>Thread-safe: one load at a time; readers of a loaded value never block.
 *
 * @param <T> the loaded value
 */
final class LazyLoad<T> {
    /** Loads the value; may fail with an IOException or IllegalArgumentException. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws java.io.IOException;
    }

    private final String description;
    private final Loader<T> loader;
    private final Clock clock;
    private final Duration retryInterval;
    private volatile T value;
    private Instant lastFailure;
    private String lastFailureMessage;

    LazyLoad(String description, Loader<T> loader, Clock clock, Duration retryInterval) {
        this.description = Objects.requireNonNull(description, "description");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
    }

    T get() {
        T loaded = value;
        return loaded != null ? loaded : load();
    }

    private synchronized T load() {
        if (value != null) {
            return value;
        }
        Instant now = clock.instant();
        if (lastFailure != null && now.isBefore(lastFailure.plus(retryInterval))) {
            throw new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                    description + " unavailable: " + lastFailureMessage, null);
        }
        try {
            T loaded = Objects.requireNonNull(loader.load());
            value = loaded;
            return loaded;
        } catch (java.io.IOException | IllegalArgumentException e) {
            lastFailure = now;
            lastFailureMessage = e.getMessage();
            throw new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                    description + " unavailable: " + e.getMessage(), e);
        }
    }
}

package io.jwtguard.core.refresh;

import java.time.Duration;
import java.util.Objects;

/**
 * Lifetimes of refresh tokens. Immutable.
 *
 * @param absoluteLifetime how long a grant lives from login, whatever rotation happens
 * @param idleTimeout how long one refresh token stays usable when not used (each rotation starts
 *     a new one, capped at the absolute expiry); at most {@code absoluteLifetime}
 * @param gracePeriod how long after a rotation the rotated token may be presented once more and
 *     rotate again (for a response lost on the network); {@link Duration#ZERO} (the default)
 *     turns it off, so any reuse revokes the family
 */
public record RefreshSettings(Duration absoluteLifetime, Duration idleTimeout, Duration gracePeriod) {
    /** Default absolute lifetime: 14 days. */
    public static final Duration DEFAULT_ABSOLUTE_LIFETIME = Duration.ofDays(14);
    /** Default idle timeout: 1 day. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(1);
    /** Upper bound of the absolute lifetime: 365 days. */
    public static final Duration MAX_ABSOLUTE_LIFETIME = Duration.ofDays(365);
    /** Upper bound of the grace period: 60 seconds. */
    public static final Duration MAX_GRACE_PERIOD = Duration.ofSeconds(60);
    /** The defaults: 14 days absolute, 1 day idle, no grace window. */
    public static final RefreshSettings DEFAULTS = new RefreshSettings(DEFAULT_ABSOLUTE_LIFETIME, DEFAULT_IDLE_TIMEOUT,
            Duration.ZERO);

    /** @throws IllegalArgumentException when a duration is out of its bounds */
    public RefreshSettings {
        Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (absoluteLifetime.isNegative() || absoluteLifetime.isZero() || absoluteLifetime.compareTo(MAX_ABSOLUTE_LIFETIME) > 0) {
            throw new IllegalArgumentException("the absolute lifetime must be positive and at most " + MAX_ABSOLUTE_LIFETIME);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(absoluteLifetime) > 0) {
            throw new IllegalArgumentException("the idle timeout must be positive and at most the absolute lifetime");
        }
        if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw new IllegalArgumentException("the grace period must be between 0 and " + MAX_GRACE_PERIOD);
        }
    }
}

package io.jwtguard.core.issue;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What every issued access token carries and how long it lives. Immutable.
 *
 * @param issuer the {@code iss}, not null
 * @param audiences the {@code aud} values, not empty; copied
 * @param lifetime {@code exp - iat}, between {@link #MIN_LIFETIME} and {@link #MAX_LIFETIME}
 * @param type the {@code typ} header, {@code at+jwt} by default (RFC 9068)
 */
public record AccessTokenSettings(String issuer, Set<String> audiences, Duration lifetime, String type) {
    /** Default lifetime: 5 minutes. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** Shortest configurable lifetime. */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(10);
    /** Longest configurable lifetime (RFC 6750 section 5.3: one hour or less). */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** The default {@code typ}: RFC 9068. */
    public static final String DEFAULT_TYPE = "at+jwt";

    /** @throws IllegalArgumentException when a value is out of bounds */
    public AccessTokenSettings {
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(type, "type");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("the issuer is empty");
        }
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("at least one audience is required");
        }
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the lifetime must be between " + MIN_LIFETIME + " and " + MAX_LIFETIME);
        }
    }
}

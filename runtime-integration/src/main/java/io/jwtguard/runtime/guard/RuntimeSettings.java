package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.http.UrlPatterns;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The runtime's settings ({@link RuntimeProperties}), validated. Immutable.
 *
 * @param realm the challenge realm, valid for {@link BearerChallenge}
 * @param filterMode when the servlet filter is installed
 * @param filterPatterns the URL patterns of the servlet filter, not empty
 * @param requiredPatterns where the servlet filter requires a token, possibly none
 * @param securityMechanism whether the Jakarta Security mechanism may be registered
 * @param containerLogin when the Jakarta Security mechanism reports a verified caller to the container
 * @param retryAfter the {@code Retry-After} of a 503, whole seconds
 * @param openTelemetry whether rejections are counted through OpenTelemetry when present
 */
public record RuntimeSettings(String realm, FilterMode filterMode, List<String> filterPatterns,
        UrlPatterns requiredPatterns, boolean securityMechanism, ContainerLogin containerLogin, Duration retryAfter,
        boolean openTelemetry) {
    /** The default realm. */
    public static final String DEFAULT_REALM = "jwtguard";
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    public RuntimeSettings {
        filterPatterns = List.copyOf(filterPatterns);
        Objects.requireNonNull(requiredPatterns, "requiredPatterns");
    }

    /**
     * @param properties the property lookup, not null
     * @throws ConfigurationException naming the property, on an invalid value
     */
    public static RuntimeSettings load(Function<String, Optional<String>> properties) {
        String realm = get(properties, RuntimeProperties.REALM).orElse(DEFAULT_REALM);
        if (!BearerChallenge.isValidRealm(realm)) {
            throw new ConfigurationException(RuntimeProperties.REALM, "the realm must be printable ASCII without "
                    + "quotes or backslashes");
        }
        FilterMode mode = FilterMode.parse(get(properties, RuntimeProperties.SERVLET_FILTER).orElse(null));
        List<String> patterns = get(properties, RuntimeProperties.SERVLET_FILTER_PATTERNS)
                .map(RuntimeSettings::list)
                .filter(l -> !l.isEmpty()).orElse(List.of("/*"));
        UrlPatterns required = UrlPatterns.parse(RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS,
                get(properties, RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS).map(RuntimeSettings::list)
                        .orElse(List.of()));
        if (!required.isEmpty() && mode == FilterMode.OFF) {
            throw new ConfigurationException(RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS, "the servlet filter "
                    + "enforces these patterns, but " + RuntimeProperties.SERVLET_FILTER + " is false");
        }
        boolean mechanism = flag(properties, RuntimeProperties.SECURITY_MECHANISM, true);
        ContainerLogin containerLogin = ContainerLogin.parse(get(properties, RuntimeProperties.CONTAINER_LOGIN)
                .orElse(null));
        boolean otel = flag(properties, RuntimeProperties.OPENTELEMETRY, true);
        Duration retryAfter = get(properties, RuntimeProperties.RETRY_AFTER).map(v -> {
            try {
                long seconds = Long.parseLong(v.strip());
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigurationException(RuntimeProperties.RETRY_AFTER, "'" + v
                    + "' is not a non-negative whole number of seconds");
        }).orElse(DEFAULT_RETRY_AFTER);
        return new RuntimeSettings(realm, mode, patterns, required, mechanism, containerLogin, retryAfter, otel);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @return the URL patterns the servlet filter is installed on: {@link #filterPatterns()} and
     *     {@link #requiredPatterns()}, without repetition
     */
    public List<String> installedPatterns() {
        LinkedHashSet<String> all = new LinkedHashSet<>(filterPatterns);
        all.addAll(requiredPatterns.patterns());
        return List.copyOf(all);
    }

    /** @return the property's value, stripped; empty when unset or blank */
    static Optional<String> get(Function<String, Optional<String>> properties, String name) {
        Optional<String> value = properties.apply(name);
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank()).map(String::strip);
    }

    /**
     * @return the boolean property {@code name} ({@code true} or {@code false}, any case), {@code fallback} when unset
     * @throws ConfigurationException naming the property for any other value
     */
    public static boolean flag(Function<String, Optional<String>> properties, String name, boolean fallback) {
        Optional<String> value = get(properties, name);
        if (value.isEmpty()) {
            return fallback;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigurationException(name, "'" + value.get() + "' is not true or false");
    }
}

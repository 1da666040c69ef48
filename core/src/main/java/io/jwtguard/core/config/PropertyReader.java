package io.jwtguard.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Typed access to the property lookup, with errors that name the property. */
final class PropertyReader {
    private final Function<String, Optional<String>> properties;

    PropertyReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    Optional<String> get(String name) {
        Optional<String> value = properties.apply(name);
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }

    /** @return the comma-separated values; a property that is set but lists nothing is an error */
    Set<String> list(String name) {
        Optional<Set<String>> values = get(name).map(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        if (values.isPresent() && values.get().isEmpty()) {
            throw new ConfigurationException(name, "'" + get(name).get() + "' lists no value; give "
                    + "comma-separated values or remove the property");
        }
        return values.orElse(Set.of());
    }

    long nonNegativeLong(String name) {
        String value = get(name).orElseThrow().trim();
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(name, "'" + value + "' is not a non-negative whole number");
    }

    boolean bool(String name) {
        String value = get(name).orElseThrow().trim().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ConfigurationException(name, "'" + value + "' is not true or false");
    }

    Duration durationOr(String name, Duration fallback) {
        return get(name).isPresent() ? duration(name) : fallback;
    }

    Duration duration(String name) {
        String value = get(name).orElseThrow().trim();
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            return Duration.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigurationException(name, "'" + value + "' is not a duration; use seconds (3600) or "
                    + "ISO-8601 (PT1H)");
        }
    }
}

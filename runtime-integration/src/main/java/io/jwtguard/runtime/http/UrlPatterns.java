package io.jwtguard.runtime.http;

import io.jwtguard.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Servlet URL patterns (Jakarta Servlet, section 12.2) and the matching of a path within the
 * application against them: {@code /exact/path}, {@code /prefix/*} (the prefix itself and
 * everything below it), {@code *.extension} (the last segment) and {@code /*} (everything).
 * The default-servlet pattern {@code /} and the empty pattern are not accepted: their meaning
 * depends on the other servlet mappings, and a security rule must not.
 *
 * <p>Immutable and thread-safe.
 */
public final class UrlPatterns {
    private static final UrlPatterns NONE = new UrlPatterns(List.of());

    private final List<String> patterns;

    private UrlPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** @return patterns that match nothing */
    public static UrlPatterns none() {
        return NONE;
    }

    /**
     * @param property the property the patterns come from, for the error message
     * @param patterns the patterns, stripped, not null
     * @throws ConfigurationException naming {@code property} when a pattern is not one of the
     *     accepted forms
     */
    public static UrlPatterns parse(String property, List<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        List<String> valid = new ArrayList<>();
        for (String pattern : patterns) {
            if (!isValid(pattern)) {
                throw new ConfigurationException(property, "'" + pattern + "' is not a servlet URL pattern this "
                        + "property accepts: /exact/path, /prefix/*, *.extension or /*");
            }
            valid.add(pattern);
        }
        return valid.isEmpty() ? NONE : new UrlPatterns(valid);
    }

    /**
     * @param patterns the patterns, stripped, not null
     * @return the patterns, empty when one of them is not an accepted form
     */
    public static Optional<UrlPatterns> tryParse(List<String> patterns) {
        return patterns.stream().allMatch(UrlPatterns::isValid)
                ? Optional.of(patterns.isEmpty() ? NONE : new UrlPatterns(patterns))
                : Optional.empty();
    }

    private static boolean isValid(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.equals("/")) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '?' || c == '#' || c == ';' || c == '\\') {
                return false;
            }
        }
        if (pattern.startsWith("*.")) {
            String extension = pattern.substring(2);
            return !extension.isEmpty() && extension.indexOf('/') < 0 && extension.indexOf('*') < 0
                    && extension.indexOf('.') < 0;
        }
        if (!pattern.startsWith("/")) {
            return false;
        }
        int star = pattern.indexOf('*');
        if (star < 0) {
            return !pattern.contains("//");
        }
        return star == pattern.length() - 1 && pattern.endsWith("/*") && pattern.indexOf('*') == star
                && !pattern.contains("//");
    }

    /**
     * @param path the request's path within the application (servlet path plus path info, decoded
     *     and normalised by the container), may be null or empty (then the context root {@code /})
     * @return whether a pattern matches
     */
    public boolean matches(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        for (String pattern : patterns) {
            if (matches(pattern, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }

    /** @return whether there is no pattern */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** @return the patterns, unmodifiable */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UrlPatterns && ((UrlPatterns) other).patterns.equals(patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}

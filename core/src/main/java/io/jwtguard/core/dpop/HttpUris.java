package io.jwtguard.core.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison of a proof's {@code htu} with the request's URI (RFC 9449 section 4.3, point 9):
 * both are reduced to {@code scheme://host[:port]/path}, query and fragment dropped, and normalised
 * as RFC 3986 sections 6.2.2 and 6.2.3 describe: scheme and host in lower case, the scheme's default
 * port removed, an empty path made {@code /}, percent-encoding triplets in upper case and those of
 * unreserved characters decoded, dot segments removed. Nothing else is rewritten: paths that differ
 * after this (case, a trailing slash, an encoded {@code /}) are different resources.
 *
 * <p>Only absolute {@code http} and {@code https} URIs without user information are accepted.
 * Stateless.
 */
public final class HttpUris {
    private HttpUris() {
    }

    /**
     * @param uri an absolute URI as text, may be null
     * @return its normal form without query and fragment, or empty when it is not an absolute
     *     {@code http(s)} URI with a host and without user information
     */
    public static Optional<String> normalise(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > 8192) {
            return Optional.empty();
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!parsed.isAbsolute() || parsed.isOpaque() || parsed.getRawUserInfo() != null || parsed.getHost() == null) {
            return Optional.empty();
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort;
        if (scheme.equals("https")) {
            defaultPort = 443;
        } else if (scheme.equals("http")) {
            defaultPort = 80;
        } else {
            return Optional.empty();
        }
        // the authority as sent, so that "host:" and "host" agree and nothing is re-encoded
        String host = parsed.getHost().toLowerCase(Locale.ROOT);
        int port = parsed.getPort();
        StringBuilder out = new StringBuilder(uri.length()).append(scheme).append("://").append(host);
        if (port >= 0 && port != defaultPort) {
            out.append(':').append(port);
        }
        String path = parsed.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String normalPath = normalisePercentEncoding(path);
        if (normalPath == null) {
            return Optional.empty();
        }
        out.append(removeDotSegments(normalPath));
        return Optional.of(out.toString());
    }

    /**
     * @param base the configured external base URL
     * @param rawPath the request's path as received (percent-encoded, without query), starting with {@code /}
     * @return the URI clients used: the base with its path prefix, then the path
     */
    public static String join(URI base, String rawPath) {
        String text = base.toString();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text + (rawPath.startsWith("/") ? rawPath : "/" + rawPath);
    }

    /**
     * @param base a candidate external base URL
     * @throws IllegalArgumentException naming the fix unless it is {@code http(s)://host[:port][/prefix]}
     */
    static void checkBaseUrl(URI base) {
        if (base.getRawQuery() != null || base.getRawFragment() != null || base.getRawUserInfo() != null
                || normalise(base.toString()).isEmpty()) {
            throw new IllegalArgumentException("externalBaseUrl: '" + base + "' is not an absolute http(s) URL "
                    + "without user information, query or fragment; use for example https://api.example.com or "
                    + "https://example.com/api");
        }
    }

    /** @return the path with percent-triplets upper-cased and unreserved ones decoded; null if a '%' is not a triplet */
    private static String normalisePercentEncoding(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= path.length()) {
                return null;
            }
            int high = Character.digit(path.charAt(i + 1), 16);
            int low = Character.digit(path.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            char decoded = (char) (high * 16 + low);
            if (isUnreserved(decoded)) {
                out.append(decoded);
            } else {
                out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                        .append(Character.toUpperCase(path.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 section 5.2.4, for an absolute path. */
    static String removeDotSegments(String path) {
        StringBuilder input = new StringBuilder(path);
        StringBuilder output = new StringBuilder(path.length());
        while (input.length() > 0) {
            if (startsWith(input, "../")) {
                input.delete(0, 3);
            } else if (startsWith(input, "./")) {
                input.delete(0, 2);
            } else if (startsWith(input, "/./")) {
                input.delete(0, 2);
            } else if (input.toString().equals("/.")) {
                input.replace(0, 2, "/");
            } else if (startsWith(input, "/../")) {
                input.delete(0, 3);
                removeLastSegment(output);
            } else if (input.toString().equals("/..")) {
                input.replace(0, 3, "/");
                removeLastSegment(output);
            } else if (input.toString().equals(".") || input.toString().equals("..")) {
                input.setLength(0);
            } else {
                int next = input.indexOf("/", input.charAt(0) == '/' ? 1 : 0);
                int end = next < 0 ? input.length() : next;
                output.append(input, 0, end);
                input.delete(0, end);
            }
        }
        return output.length() == 0 ? "/" : output.toString();
    }

    private static boolean startsWith(StringBuilder text, String prefix) {
        return text.length() >= prefix.length() && text.substring(0, prefix.length()).equals(prefix);
    }

    private static void removeLastSegment(StringBuilder output) {
        int slash = output.lastIndexOf("/");
        output.setLength(Math.max(slash, 0));
    }
}

package io.jwtguard.core.keys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where key material lives, as MicroProfile JWT's {@code *.location} properties spell it: an
 * {@code http(s)} URL, a {@code file:} URL, a {@code classpath:} resource, or a bare path that
 * is looked up on the classpath first and then in the file system. Remote locations must be
 * https (plain http only to loopback, for tests).
 *
 * <p>Reads are bounded: at most {@link #MAX_BYTES} bytes, HTTP with connect and read timeouts
 * and no redirects. A location may carry credentials (a query such as {@code ?token=...}, or
 * {@code user:password@}); {@link #toString()} and every message show it {@link #redact redacted}.
 * Immutable and thread-safe.
 */
public final class KeyLocation {
    /** The largest key document read from any location, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    /** Key locations may serve PEM, JWK, JWK sets or key stores. */
    private static final String ACCEPT = "application/jwk-set+json, application/json, application/x-pem-file, */*";

    private final String location;
    /** The location without query and user-info, for messages. */
    private final String description;

    private KeyLocation(String location) {
        this.location = location;
        this.description = redact(location);
    }

    /**
     * Describes a location (URL or path) for logs and messages without the parts that may hold
     * credentials: the user-info of a {@code scheme://user:password@host} authority becomes
     * {@code ***}, a query becomes {@code ?***}, and a fragment is dropped. Works on text that is
     * not a valid URI too.
     *
     * @param location a location, may be null
     * @return the redacted text, or null for null
     */
    public static String redact(String location) {
        if (location == null) {
            return null;
        }
        String text = location;
        String tail = "";
        int query = text.indexOf('?');
        int fragment = text.indexOf('#');
        int cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        if (cut >= 0) {
            tail = cut == query ? "?***" : "";
            text = text.substring(0, cut);
        }
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            int start = scheme + 3;
            int end = text.indexOf('/', start);
            end = end < 0 ? text.length() : end;
            int at = text.lastIndexOf('@', end - 1);
            if (at >= start) {
                text = text.substring(0, start) + "***" + text.substring(at);
            }
        }
        return text + tail;
    }

    /**
     * @param location the configured location, not null or blank
     * @throws IllegalArgumentException if blank
     */
    public static KeyLocation of(String location) {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("the key location is empty");
        }
        return new KeyLocation(location.trim());
    }

    /** @return whether the location is fetched over HTTP(S), which makes loading lazy */
    public boolean isRemote() {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** @return whether the location is remote and acceptable: https, or plain http only to loopback */
    public boolean isAcceptableRemote() {
        if (!isRemote()) {
            return false;
        }
        try {
            return JwksKeySource.isAcceptableUri(URI.create(location));
        } catch (IllegalArgumentException e) { // not a URI; its message would repeat the location
            return false;
        }
    }

    /**
     * Reads the whole document as UTF-8.
     *
     * @throws IOException if it cannot be read, is too large, or HTTP does not answer 200
     */
    public String read() throws IOException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Reads the whole document as bytes (for binary documents such as key stores).
     *
     * @throws IOException if it cannot be read, is too large, or HTTP does not answer 200
     */
    public byte[] readBytes() throws IOException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (isRemote()) {
            return readHttp();
        }
        if (lower.startsWith("file:")) {
            Path path;
            try {
                path = Paths.get(URI.create(location));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new IOException("'" + description + "' is not a usable file URL");
            }
            return readFile(path);
        }
        String resource = lower.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        String stripped = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            in = context.getResourceAsStream(stripped);
        }
        if (in == null) {
            in = KeyLocation.class.getClassLoader().getResourceAsStream(stripped);
        }
        if (in != null) {
            try (InputStream stream = in) {
                return readBounded(stream);
            }
        }
        if (!lower.startsWith("classpath:")) {
            Path path = Paths.get(resource);
            if (Files.isRegularFile(path)) {
                return readFile(path);
            }
        }
        throw new IOException("no classpath resource or file at " + description);
    }

    private byte[] readFile(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readBounded(in);
        }
    }

    private byte[] readHttp() throws IOException {
        if (!isAcceptableRemote()) {
            throw new IOException(description + " must be https (plain http only to loopback)");
        }
        return new BoundedHttpFetcher(HTTP_TIMEOUT, HTTP_TIMEOUT, MAX_BYTES, ACCEPT).getBytes(URI.create(location));
    }

    private byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("key document at " + description + " exceeds " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    /** @return the location {@link #redact redacted}: no query, no user-info */
    @Override
    public String toString() {
        return description;
    }
}

package io.jwtguard.core.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GETs a small document with hard limits: connect timeout, a deadline for headers and body together
 * (a server that trickles its body holds a caller at most twice the read timeout: the deadline is
 * checked after every read, and one read waits at most the read timeout), a body size cap enforced
 * while reading, no redirects, no proxy, no caches, status 200 only. Messages name the URI
 * {@link KeyLocation#redact redacted} (no query, no user-info). Thread-safe and stateless.
 *
 * <p>Built on {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: an {@code HttpClient}
 * runs a selector thread per client that, on Java 17, ends only once the client is garbage collected,
 * so each undeployed application left one behind (tck-tests/README.md, redeployment). Here each
 * fetch opens and closes its own connection: no thread, no pool.
 */
final class BoundedHttpFetcher {
    /** A fetched document and its cache lifetime hint. */
    record Document(String body, Optional<Duration> maxAge) {
    }

    /** What the key documents are served as. */
    static final String ACCEPT_KEYS = "application/jwk-set+json, application/json, application/x-pem-file;q=0.9, text/plain;q=0.8";

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBytes;
    private final String accept;

    /**
     * @param connectTimeout at most this long to connect (positive)
     * @param readTimeout the deadline for the answer, headers and body (positive)
     * @param maxBytes the largest body accepted
     * @param accept the {@code Accept} header sent
     */
    BoundedHttpFetcher(Duration connectTimeout, Duration readTimeout, int maxBytes, String accept) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        this.accept = accept;
    }

    BoundedHttpFetcher(Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this(connectTimeout, readTimeout, maxBytes, ACCEPT_KEYS);
    }

    /**
     * @param uri an {@code http} or {@code https} URI (the caller decides which are acceptable)
     * @return the body, read as UTF-8, and the {@code Cache-Control} lifetime
     * @throws IOException on any failure, with a message that names the redacted URI and never the body
     */
    Document get(URI uri) throws IOException {
        List<String> cacheControl = new ArrayList<>();
        byte[] body = fetch(uri, cacheControl);
        return new Document(new String(body, StandardCharsets.UTF_8), maxAge(cacheControl));
    }

    /**
     * @param uri an {@code http} or {@code https} URI (the caller decides which are acceptable)
     * @return the body's bytes (key stores are binary)
     * @throws IOException on any failure, with a message that names the redacted URI and never the body
     */
    byte[] getBytes(URI uri) throws IOException {
        return fetch(uri, new ArrayList<>());
    }

    private byte[] fetch(URI uri, List<String> cacheControl) throws IOException {
        String where = KeyLocation.redact(uri.toString());
        long deadline = System.nanoTime() + readTimeout.toNanos();
        HttpURLConnection connection = open(uri, where);
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("HTTP " + status + " from " + where);
            }
            if (connection.getContentLengthLong() > maxBytes) {
                throw new IOException("response from " + where + " declares more than " + maxBytes + " bytes");
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = readBounded(in, deadline, where);
            }
            cacheControl.addAll(headerValues(connection, "Cache-Control"));
            return body;
        } catch (SocketTimeoutException e) {
            throw new IOException("no complete answer from " + where + " within " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(where)) {
                throw e;
            }
            throw new IOException("cannot fetch " + where + ": " + e.getClass().getSimpleName());
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(URI uri, String where) throws IOException {
        URLConnection connection;
        try {
            connection = uri.toURL().openConnection(Proxy.NO_PROXY);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot fetch " + where + ": not an absolute URL");
        }
        if (!(connection instanceof HttpURLConnection)) {
            throw new IOException("cannot fetch " + where + ": not an http(s) URL");
        }
        HttpURLConnection http = (HttpURLConnection) connection;
        http.setInstanceFollowRedirects(false);
        http.setUseCaches(false);
        http.setConnectTimeout(millis(connectTimeout));
        http.setReadTimeout(millis(readTimeout));
        http.setRequestProperty("Accept", accept);
        return http;
    }

    private byte[] readBounded(InputStream in, long deadline, String where) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (body.size() + n > maxBytes) {
                throw new IOException("response from " + where + " exceeds " + maxBytes + " bytes");
            }
            body.write(chunk, 0, n);
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("no complete answer from " + where + " within " + readTimeout.toMillis() + " ms");
            }
        }
        return body.toByteArray();
    }

    /** @return every value of the header, in order; header names compared ignoring case */
    private static List<String> headerValues(HttpURLConnection connection, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; connection.getHeaderFieldKey(i) != null || connection.getHeaderField(i) != null; i++) {
            String key = connection.getHeaderFieldKey(i);
            if (key != null && key.equalsIgnoreCase(name)) {
                values.add(connection.getHeaderField(i));
            }
        }
        return values;
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** Nothing to release: connections are closed after each fetch. Kept for the key source's close. */
    void close() {
        // no thread, no pool of ours
    }

    /** {@code max-age} from Cache-Control; {@code no-store}/{@code no-cache} count as zero. */
    static Optional<Duration> maxAge(List<String> cacheControl) {
        for (String header : cacheControl) {
            for (String directive : header.split(",")) {
                String d = directive.trim().toLowerCase(java.util.Locale.ROOT);
                if (d.equals("no-store") || d.equals("no-cache")) {
                    return Optional.of(Duration.ZERO);
                }
                if (d.startsWith("max-age=")) {
                    try {
                        long seconds = Long.parseLong(d.substring("max-age=".length()).replace("\"", ""));
                        return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}

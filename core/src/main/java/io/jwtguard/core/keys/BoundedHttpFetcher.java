package io.jwtguard.core.keys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs a small document with hard limits: connect timeout, one deadline for headers and body
 * together (a server that trickles its body cannot hold a caller longer), a body size cap
 * enforced while reading, no redirects, status 200 only. Messages name the URI
 * {@link KeyLocation#redact redacted} (no query, no user-info). Thread-safe.
 */
final class BoundedHttpFetcher {
    /** A fetched document and its cache lifetime hint. */
    record Document(String body, Optional<Duration> maxAge) {
    }

    private final DetachedHttpClient http;
    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxBytes;

    BoundedHttpFetcher(Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.http = new DetachedHttpClient(connectTimeout);
        this.client = http.client();
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    Document get(URI uri) throws IOException {
        String where = KeyLocation.redact(uri.toString());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json, application/x-pem-file;q=0.9, text/plain;q=0.8")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return new LimitedBody(maxBytes);
        });
        HttpResponse<byte[]> response;
        try {
            response = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("no complete answer from " + where + " within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + where);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("cannot fetch " + where + ": " + (cause instanceof TooLarge ? cause.getMessage()
                    : cause == null ? "unknown error" : cause.getClass().getSimpleName()));
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + where);
        }
        if (response.body() == null) {
            throw new IOException("response from " + where + " declares more than " + maxBytes + " bytes");
        }
        return new Document(new String(response.body(), StandardCharsets.UTF_8),
                maxAge(response.headers().allValues("Cache-Control")));
    }

    /**
     * Stops the HTTP client's threads where the JDK allows it ({@link DetachedHttpClient#close()}): its
     * executor's at once, the client itself from Java 21 on. On Java 17 its selector thread ends only once
     * the client has been garbage collected, and holds no application class loader meanwhile
     * (tck-tests/README.md, redeployment).
     */
    void close() {
        http.close();
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

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Collects the body, failing as soon as it exceeds the cap. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge("response exceeds " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}

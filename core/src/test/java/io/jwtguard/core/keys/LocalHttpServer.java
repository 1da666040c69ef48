package io.jwtguard.core.keys;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on 127.0.0.1 and an ephemeral port, answering each path with a status and
 * body that a test can change, and counting requests per path.
 */
final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private record Answer(int status, byte[] body, String location) {
    }

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.getOrDefault(path, new Answer(404, new byte[0], null));
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        });
        server.start();
    }

    /** Answers {@code path} with {@code status} and {@code body}. */
    void answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body.getBytes(StandardCharsets.UTF_8), null));
    }

    /** Answers {@code path} with {@code body} of exactly that many bytes. */
    void answer(String path, int status, byte[] body) {
        answers.put(path, new Answer(status, body, null));
    }

    /** Answers {@code path} with a redirect to {@code target}. */
    void redirect(String path, int status, String target) {
        answers.put(path, new Answer(status, new byte[0], target));
    }

    /** @return the URL of {@code path} on this server */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @return how many requests {@code path} received */
    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.jwtguard.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes a {@link TestIssuer}'s public keys on 127.0.0.1 (an ephemeral port) at {@code /jwks},
 * as an identity provider's JWKS endpoint does: each request gets the issuer's current key set, so
 * {@link TestIssuer#rotate} is visible at once. Plain http, which JWT Guard accepts only to loopback.
 * Thread-safe; {@link #close()} stops it.
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();

    private JwksServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static JwksServer start(TestIssuer issuer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "jwtguard-testing-jwks");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            JwksServer jwks = new JwksServer(server, executor);
            server.createContext("/jwks", exchange -> {
                jwks.requests.incrementAndGet();
                byte[] body = issuer.jwks().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test JWKS server on 127.0.0.1", e);
        }
    }

    /** @return the key set's URL, {@code http://127.0.0.1:<port>/jwks} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    /** @return how many times the key set was fetched */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.jwtguard.core.testing;

import com.sun.net.httpserver.HttpServer;
import io.jwtguard.core.jose.Base64Url;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that serves a JWK Set and can rotate keys, go down, answer
 * 500, serve garbage, redirect, or answer slowly. Counts requests. For tests only.
 */
public final class JwksTestServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String body = "{\"keys\":[]}";
    private volatile int status = 200;
    private volatile String cacheControl;
    private volatile long delayMillis;
    private volatile String location;

    public JwksTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/jwks", exchange -> {
            requests.incrementAndGet();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (cacheControl != null) {
                exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            }
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            try {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // client gave up (timeout test)
            }
        });
        server.start();
    }

    /** @return the JWKS URL */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    /** @return requests served so far */
    public int requests() {
        return requests.get();
    }

    public JwksTestServer serve(String jwksJson) {
        this.body = jwksJson;
        this.status = 200;
        return this;
    }

    public JwksTestServer status(int value) {
        this.status = value;
        return this;
    }

    public JwksTestServer cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    public JwksTestServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public JwksTestServer redirectTo(String target) {
        this.status = 302;
        this.location = target;
        return this;
    }

    /** Stops answering (connection refused from now on). */
    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** A JWK Set of RSA public keys, each given as kid followed by key. */
    public static String jwks(Object... kidsAndKeys) {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < kidsAndKeys.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(rsaJwk((String) kidsAndKeys[i], (RSAPublicKey) kidsAndKeys[i + 1], ""));
        }
        return sb.append("]}").toString();
    }

    /** One RSA public JWK; {@code extraMembers} is inserted verbatim (for example {@code ,"use":"enc"}). */
    public static String rsaJwk(String kid, RSAPublicKey key, String extraMembers) {
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + unsigned(key.getModulus()) + "\",\"e\":\""
                + unsigned(key.getPublicExponent()) + "\"" + extraMembers + "}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64Url.encode(bytes);
    }
}

package io.jwtguard.examples.orders.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A small HTTP client for the tests: no cookie jar (cookies are explicit), no redirects. */
final class Http {
    /** The test server's base URL, ending in {@code /}. */
    static final String BASE = System.getProperty("orders.it.base-url", "http://127.0.0.1:19580/orders/");
    /** The origin the endpoints accept as their own. */
    static final String ORIGIN = BASE.substring(0, BASE.indexOf('/', "http://".length()));
    static final String REFRESH_COOKIE = "__Host-jwtguard-refresh";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> form = new LinkedHashMap<>();

    private Http(String path) {
        this.path = path;
    }

    static Http to(String path) {
        return new Http(path);
    }

    Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    Http header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Http param(String name, String value) {
        form.put(name, value);
        return this;
    }

    /** The refresh cookie plus the CSRF defence a browser page sends. */
    Http refreshCookie(String value) {
        return header("Cookie", REFRESH_COOKIE + "=" + value).sameOrigin();
    }

    Http sameOrigin() {
        return header("Origin", ORIGIN).header("X-JWT-Guard-CSRF", "1");
    }

    Reply get() {
        return send(HttpRequest.newBuilder().GET());
    }

    Reply post() {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    private Reply send(HttpRequest.Builder builder) {
        builder.uri(URI.create(BASE + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        try {
            return new Reply(CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A response. */
    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body())).readObject();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String challenge() {
            return header("WWW-Authenticate").orElse("");
        }

        List<String> setCookies() {
            return response.headers().allValues("Set-Cookie");
        }

        /** @return the value the response sets for the refresh cookie ("" when it clears it) */
        Optional<String> refreshCookie() {
            return setCookies().stream().filter(c -> c.startsWith(REFRESH_COOKIE + "="))
                    .map(c -> c.substring(REFRESH_COOKIE.length() + 1, c.indexOf(';'))).findFirst();
        }

        String accessToken() {
            return json().getString("access_token");
        }

        @Override
        public String toString() {
            return status() + " " + response.headers().map() + " " + body(); // never holds a password
        }
    }
}

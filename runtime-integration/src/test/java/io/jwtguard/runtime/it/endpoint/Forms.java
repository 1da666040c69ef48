package io.jwtguard.runtime.it.endpoint;

import io.jwtguard.runtime.testing.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
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

/** Form POSTs and GETs for the endpoint tests, with explicit headers (no cookie jar: tests see every cookie). */
final class Forms {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URL base;
    private final String path;
    private final Map<String, String> form = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Forms(URL base, String path) {
        this.base = base;
        this.path = path;
    }

    static Forms to(URL base, String path) {
        return new Forms(base, path);
    }

    Forms param(String name, String value) {
        form.put(name, value);
        return this;
    }

    Forms header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The CSRF header and this server's own Origin. */
    Forms sameOrigin() {
        return header("X-JWT-Guard-CSRF", "1").header("Origin", origin(base));
    }

    Forms cookie(String name, String value) {
        return header("Cookie", name + "=" + value);
    }

    Reply post() {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request().header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get() {
        return send(request().GET());
    }

    private HttpRequest.Builder request() {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + path.substring(1)))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            return new Reply(CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String origin(URL base) {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String bearerGet(URL base, String path, String token) {
        return Http.get(base, path).bearer(token).send().toString();
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

        List<String> setCookies() {
            return response.headers().allValues("Set-Cookie");
        }

        /** The value of cookie {@code name} set by this response. */
        Optional<String> cookieValue(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst();
        }

        @Override
        public String toString() {
            return status() + " " + response.headers().map() + " " + body();
        }
    }
}

package io.jwtguard.runtime.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small HTTP client for the integration tests: real requests over loopback. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URL base;
    private HttpRequest.Builder request;
    private String method = "GET";

    private Http(URL base, String path) {
        this.base = base;
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        this.request = HttpRequest.newBuilder(URI.create(root + (path.startsWith("/") ? path.substring(1) : path)))
                .timeout(Duration.ofSeconds(20));
    }

    public static Http get(URL base, String path) {
        return new Http(base, path);
    }

    /** A POST without a body. */
    public static Http post(URL base, String path) {
        Http http = new Http(base, path);
        http.method = "POST";
        return http;
    }

    public Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Http header(String name, String value) {
        request = request.header(name, value);
        return this;
    }

    public Reply send() {
        try {
            HttpResponse<String> response = CLIENT.send(request.method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response. */
    public static final class Reply {
        private final HttpResponse<String> response;

        Reply(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public String challenge() {
            return header("WWW-Authenticate").orElse(null);
        }

        @Override
        public String toString() {
            return status() + " " + response.headers().map() + " " + body();
        }
    }
}

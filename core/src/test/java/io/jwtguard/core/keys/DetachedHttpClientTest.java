package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetachedHttpClientTest {
    @Test
    void sendWhenBuiltOnAThreadWithAnApplicationLoaderThenNoClientThreadHoldsThatLoader() throws Exception {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (LocalHttpServer server = new LocalHttpServer();
                URLClassLoader application = new URLClassLoader(new URL[0], original)) {
            server.answer("/keys", 200, "{\"keys\":[]}");
            Thread.currentThread().setContextClassLoader(application);
            DetachedHttpClient http = new DetachedHttpClient(Duration.ofSeconds(2));
            try {
                assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(application);
                HttpResponse<String> response = http.client().send(HttpRequest.newBuilder(
                        URI.create(server.url("/keys"))).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);

                List<Thread> clientThreads = clientThreads();
                assertThat(clientThreads).isNotEmpty();
                assertThat(clientThreads).allSatisfy(thread ->
                        assertThat(thread.getContextClassLoader()).as(thread.getName()).isNotSameAs(application));
            } finally {
                http.close();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void closeWhenItsExecutorRanWorkThenItsThreadsHaveEndedOnReturn() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.answer("/keys", 200, "{}");
            DetachedHttpClient http = new DetachedHttpClient(Duration.ofSeconds(2));
            http.client().sendAsync(HttpRequest.newBuilder(URI.create(server.url("/keys"))).build(),
                    HttpResponse.BodyHandlers.ofString()).get();
            List<Thread> ours = clientThreads().stream().filter(t -> t.getName().startsWith("jwtguard-http-")).toList();
            assertThat(ours).isNotEmpty();

            http.close();

            // ended when close() returns: a container looks for the application's threads right after it stopped
            assertThat(ours).noneMatch(Thread::isAlive);
        }
    }

    private static List<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jwtguard-http-") || t.getName().startsWith("HttpClient-"))
                .toList();
    }
}

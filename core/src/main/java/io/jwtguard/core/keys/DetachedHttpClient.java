package io.jwtguard.core.keys;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK {@link HttpClient} for fetching keys whose threads hold no application's class loader, and which
 * {@link #close()} stops.
 *
 * <p>Why: on a server, the thread that builds a client (a deployment or request thread) has the application's
 * class loader as its context class loader, and every thread the client starts inherits it: the selector
 * thread, and the worker threads of the client's default executor. Java 17's client cannot be closed; its
 * selector thread runs until the client is garbage collected and its idle workers for another 60 s, so at
 * undeployment Apache Tomcat finds threads holding the application's loader ("appears to have started a thread
 * named [HttpClient-1-SelectorManager] but has failed to stop it") and its {@code findleaks} lists the
 * application until a collection and those threads have ended. Here the client is built while the context class
 * loader is the system class loader, and runs its work on an executor of our own (daemon threads named
 * {@code jwtguard-http-N}, with the system class loader too), which {@link #close()} shuts down; on Java 21+
 * {@code close()} also closes the client.
 *
 * <p>Thread-safe.
 */
final class DetachedHttpClient implements AutoCloseable {
    private final OwnThreads threads = new OwnThreads("jwtguard-http", true, ClassLoader.getSystemClassLoader());
    private final ExecutorService executor = Executors.newCachedThreadPool(threads);
    private final HttpClient client;

    /**
     * @param connectTimeout the connect timeout, positive
     */
    DetachedHttpClient(Duration connectTimeout) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            this.client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** @return the client; not to be used after {@link #close()} */
    HttpClient client() {
        return client;
    }

    /**
     * Stops the executor's threads (they have ended when this returns, {@link OwnThreads#stop}), and on Java 21+
     * closes the client. Best effort; idempotent.
     */
    @Override
    public void close() {
        threads.stop(executor);
        Object closeable = client;
        if (closeable instanceof AutoCloseable) {
            try {
                ((AutoCloseable) closeable).close();
            } catch (Exception e) {
                // closing is best effort: the client is not used afterwards
            }
        }
    }
}

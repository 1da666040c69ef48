package io.jwtguard.runtime.http;

import java.util.List;
import java.util.Optional;

/**
 * The parts of an HTTP request that authentication needs, independent of the container API
 * (servlet request, JAX-RS request context). Implementations are thin adapters; they are used
 * by one thread, for one request.
 */
public interface RequestView {
    /**
     * @param headerName a header name, matched case-insensitively
     * @return every value of that header in the order received, one element per header line;
     *     empty, never null, when the header is absent
     */
    List<String> headerValues(String headerName);

    /**
     * @param name a request attribute name
     * @return the attribute value, or null when absent
     */
    Object attribute(String name);

    /**
     * Sets a request attribute, visible to every later stage of the same request (servlet
     * request attributes and JAX-RS request properties are the same store in a servlet container).
     *
     * @param name the attribute name, not null
     * @param value the value, not null
     */
    void attribute(String name, Object value);

    /**
     * @return the request method exactly as received, for example {@code GET}; empty when the
     *     adapter cannot tell (a DPoP proof is then refused: its {@code htm} cannot be checked)
     */
    default Optional<String> method() {
        return Optional.empty();
    }

    /**
     * @return the absolute request URL as the server sees it ({@code scheme://host[:port]/path}, the
     *     path percent-encoded as received, no query), empty when the adapter cannot tell. The host
     *     comes from the request's {@code Host} header: a DPoP deployment should configure
     *     {@code jwtguard.dpop.external-base-url} rather than trust it
     */
    default Optional<String> requestUrl() {
        return Optional.empty();
    }

    /** @return the request path as received (percent-encoded, with the context path, no query), empty when unknown */
    default Optional<String> rawPath() {
        return Optional.empty();
    }
}

package io.jwtguard.runtime.http;

import java.util.List;

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
}

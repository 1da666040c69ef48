package io.jwtguard.runtime.jaxrs;

import io.jwtguard.runtime.http.RequestView;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RequestView} over a JAX-RS request. Request properties are the servlet request's
 * attributes in a servlet container (JAX-RS 3.1, {@code ContainerRequestContext#getProperty}),
 * so an outcome found by the servlet filter is seen here. For one request, one thread.
 */
final class ContainerRequestView implements RequestView {
    private final ContainerRequestContext context;

    ContainerRequestView(ContainerRequestContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public List<String> headerValues(String headerName) {
        List<String> values = context.getHeaders().get(headerName);
        if (values == null) {
            // MultivaluedMap of headers is case-insensitive in every runtime we know; be safe anyway
            for (var entry : context.getHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(headerName)) {
                    return entry.getValue();
                }
            }
            return List.of();
        }
        return values;
    }

    @Override
    public Object attribute(String name) {
        return context.getProperty(name);
    }

    @Override
    public void attribute(String name, Object value) {
        context.setProperty(name, value);
    }

    @Override
    public java.util.Optional<String> method() {
        return java.util.Optional.ofNullable(context.getMethod());
    }

    @Override
    public java.util.Optional<String> requestUrl() {
        java.net.URI uri = context.getUriInfo().getRequestUri();
        return uri.getScheme() == null || uri.getRawAuthority() == null ? java.util.Optional.empty()
                : java.util.Optional.of(uri.getScheme() + "://" + uri.getRawAuthority()
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    @Override
    public java.util.Optional<String> rawPath() {
        return java.util.Optional.ofNullable(context.getUriInfo().getRequestUri().getRawPath());
    }
}

package io.jwtguard.runtime.servlet;

import io.jwtguard.runtime.http.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A {@link RequestView} over a servlet request. For one request, one thread. */
public final class ServletRequestView implements RequestView {
    private final HttpServletRequest request;

    /** @param request the request, not null */
    public ServletRequestView(HttpServletRequest request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    @Override
    public List<String> headerValues(String headerName) {
        if (request.getHeader(headerName) == null) {
            return List.of(); // the usual answer (no DPoP, no cookie, often no token): nothing allocated
        }
        var values = request.getHeaders(headerName);
        return values == null ? List.of() : Collections.list(values);
    }

    @Override
    public Object attribute(String name) {
        return request.getAttribute(name);
    }

    @Override
    public void attribute(String name, Object value) {
        request.setAttribute(name, value);
    }

    @Override
    public java.util.Optional<String> method() {
        return java.util.Optional.ofNullable(request.getMethod());
    }

    @Override
    public java.util.Optional<String> requestUrl() {
        StringBuffer url = request.getRequestURL();
        return url == null ? java.util.Optional.empty() : java.util.Optional.of(url.toString());
    }

    @Override
    public java.util.Optional<String> rawPath() {
        return java.util.Optional.ofNullable(request.getRequestURI());
    }
}

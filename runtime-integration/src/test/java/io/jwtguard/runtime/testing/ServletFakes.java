package io.jwtguard.runtime.testing;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal hand-written servlet request and response for unit tests of code that runs where no
 * container is (the Jakarta Security mechanism's decisions): dynamic proxies, so they compile
 * against Servlet 6 and run against the embedded container's Servlet 5 API alike.
 */
public final class ServletFakes {
    private ServletFakes() {
    }

    /** A GET request to {@code path} (servlet path, no path info) with the given headers. */
    public static HttpServletRequest request(String path, Map<String, String> headers) {
        Map<String, Object> attributes = new HashMap<>();
        Map<String, Object> contextAttributes = new HashMap<>();
        ServletContext context = (ServletContext) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAttribute":
                            return contextAttributes.get((String) args[0]);
                        case "setAttribute":
                            contextAttributes.put((String) args[0], args[1]);
                            return null;
                        case "getClassLoader":
                            return ServletFakes.class.getClassLoader();
                        case "getContextPath":
                            return "";
                        default:
                            return defaultValue(method.getReturnType());
                    }
                });
        return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getHeaders":
                            String value = headers.get((String) args[0]);
                            return Collections.enumeration(value == null ? List.of() : List.of(value));
                        case "getHeader":
                            return headers.get((String) args[0]);
                        case "getAttribute":
                            return attributes.get((String) args[0]);
                        case "setAttribute":
                            attributes.put((String) args[0], args[1]);
                            return null;
                        case "getServletPath":
                            return path;
                        case "getRequestURI":
                            return path;
                        case "getContextPath":
                            return "";
                        case "getMethod":
                            return "GET";
                        case "getServletContext":
                            return context;
                        default:
                            return defaultValue(method.getReturnType());
                    }
                });
    }

    /**
     * A response that records what was done to it. Writing a body ({@code getOutputStream},
     * {@code getWriter}), {@code flushBuffer} and {@code sendError} commit it, as a container's would.
     */
    public static final class RecordingResponse {
        private int status = 200;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> calls = new ArrayList<>();
        private boolean committed;
        private final HttpServletResponse proxy = (HttpServletResponse) Proxy.newProxyInstance(
                ServletFakes.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, method, args) -> {
                    String name = method.getName();
                    switch (name) {
                        case "setStatus":
                            checkNotCommitted(name);
                            status = (Integer) args[0];
                            return null;
                        case "getStatus":
                            return status;
                        case "setHeader":
                        case "addHeader":
                            checkNotCommitted(name);
                            headers.put((String) args[0], (String) args[1]);
                            return null;
                        case "getHeader":
                            return headers.get((String) args[0]);
                        case "containsHeader":
                            return headers.containsKey((String) args[0]);
                        case "isCommitted":
                            return committed;
                        case "resetBuffer":
                        case "reset":
                            checkNotCommitted(name);
                            calls.add(name);
                            return null;
                        case "flushBuffer":
                        case "getOutputStream":
                        case "getWriter":
                        case "sendError":
                            calls.add(name);
                            committed = true;
                            if (name.equals("sendError")) {
                                status = (Integer) args[0];
                            }
                            return null;
                        default:
                            calls.add(name);
                            return defaultValue(method.getReturnType());
                    }
                });

        private void checkNotCommitted(String call) {
            if (committed) {
                throw new IllegalStateException(call + " after the response was committed");
            }
        }

        public HttpServletResponse response() {
            return proxy;
        }

        public int status() {
            return status;
        }

        public String header(String name) {
            return headers.get(name);
        }

        public boolean committed() {
            return committed;
        }

        /** @return the methods called that are not plain status or header setters, in order */
        public List<String> calls() {
            return List.copyOf(calls);
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}

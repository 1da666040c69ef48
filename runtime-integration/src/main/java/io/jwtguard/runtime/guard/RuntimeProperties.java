package io.jwtguard.runtime.guard;

/**
 * The runtime module's own configuration properties, named once. They are read from the same
 * sources as the verifier's ({@link io.jwtguard.core.config.ConfigProperties}).
 */
public final class RuntimeProperties {
    /** The {@code realm} of {@code WWW-Authenticate} challenges; {@code jwtguard} by default. */
    public static final String REALM = "jwtguard.realm";
    /**
     * Whether the servlet filter is installed: {@code auto} (default: when the application has
     * {@code @LoginConfig(authMethod = "MP-JWT")}), {@code true} (always, for servlet-only
     * applications) or {@code false} (never).
     */
    public static final String SERVLET_FILTER = "jwtguard.servlet-filter.enabled";
    /** Comma-separated URL patterns the servlet filter covers; {@code /*} by default. */
    public static final String SERVLET_FILTER_PATTERNS = "jwtguard.servlet-filter.url-patterns";
    /**
     * Comma-separated servlet URL patterns where the servlet filter requires a token: a request
     * without one gets 401 {@code Bearer realm="..."}. None by default. Accepted forms:
     * {@code /exact/path}, {@code /prefix/*}, {@code *.extension}, {@code /*}. The filter is also
     * installed on these patterns.
     */
    public static final String SERVLET_FILTER_REQUIRED_PATTERNS = "jwtguard.servlet-filter.required-patterns";
    /** Whether the Jakarta Security authentication mechanism is registered when the API is present; {@code true}. */
    public static final String SECURITY_MECHANISM = "jwtguard.security-mechanism.enabled";
    /**
     * When the Jakarta Security mechanism reports a verified caller to the container:
     * {@code auto} (default: where the container protects the request, and everywhere in an
     * application with {@link CallerObservers}), {@code always} or {@code protected} (only for
     * requests the container itself protects). See {@link ContainerLogin}.
     */
    public static final String CONTAINER_LOGIN = "jwtguard.security-mechanism.container-login";
    /** {@code Retry-After} of a 503 when keys are unavailable: seconds; {@code 30} by default. */
    public static final String RETRY_AFTER = "jwtguard.unavailable.retry-after";
    /**
     * The class name of the application's own {@link io.jwtguard.runtime.http.TokenResolver} (a
     * public class with a public no-argument constructor); unset by default: the built-in
     * transport of {@code mp.jwt.token.header} and {@code mp.jwt.token.cookie}.
     */
    public static final String TOKEN_RESOLVER = "jwtguard.token.resolver";
    /**
     * The body of 401, 403, 400 and 503 refusals: {@code none} (the default: headers only),
     * {@code problem} (RFC 9457 {@code application/problem+json} with the reason code and its fixed
     * description), or {@code custom} (the writer named by {@link #ERROR_BODY_WRITER}).
     */
    public static final String ERROR_BODY = "jwtguard.error-body";
    /**
     * With {@code jwtguard.error-body=custom}: the class name of the application's
     * {@link io.jwtguard.runtime.http.RefusalBodyWriter}.
     */
    public static final String ERROR_BODY_WRITER = "jwtguard.error-body.writer";
    /** Whether rejections are counted through OpenTelemetry when its API is present; {@code true}. */
    public static final String OPENTELEMETRY = "jwtguard.metrics.opentelemetry.enabled";

    /**
     * Whether JWT Guard's MicroProfile Health checks are added when the application sees the
     * Health API; {@code true}. Read once at deployment.
     */
    public static final String HEALTH = "jwtguard.health.enabled";

    private RuntimeProperties() {
    }
}

package io.jwtguard.runtime.endpoint;

import io.jwtguard.core.config.ConfigProperties;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.config.EndpointSettings;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.guard.PropertyLookups;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Registered through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. In an
 * application whose {@code jwtguard.endpoints.enabled} is {@code true}, obtains the application's
 * {@link JwtGuard} (the same one the servlet filter and CDI extension use, whichever starts first)
 * and maps the token endpoints to their configured paths. Other applications are left alone. An
 * unusable configuration fails deployment.
 */
public final class TokenEndpointsInitializer implements ServletContainerInitializer {
    /** The registered servlet's name. */
    public static final String SERVLET_NAME = "jwtguard-token-endpoints";
    private static final System.Logger LOG = System.getLogger(TokenEndpointsInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ClassLoader loader = context.getClassLoader();
        Function<String, Optional<String>> properties = PropertyLookups.forApplication(loader,
                context::getInitParameter);
        if (!properties.apply(ConfigProperties.ENDPOINTS_ENABLED).map(v -> v.trim().equalsIgnoreCase("true"))
                .orElse(false)) {
            return;
        }
        JwtGuard guard;
        try {
            guard = JwtGuards.obtain(loader, () -> properties);
        } catch (ConfigurationException e) {
            throw new ServletException("JWT Guard configuration: " + e.getMessage(), e);
        }
        EndpointSettings settings = guard.configuration().endpoints();
        TokenService service = guard.configuration().tokenService().orElseThrow(() -> new ServletException(
                "JWT Guard endpoints need " + ConfigProperties.TOKEN_SERVICE_ENABLED + "=true"));
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME,
                new TokenEndpointServlet(guard, service, settings));
        if (servlet == null) {
            return; // declared in web.xml already
        }
        servlet.addMapping(settings.tokenPath(), settings.revokePath(), settings.jwksPath());
        servlet.setLoadOnStartup(1); // initialised with the application, not on the first request
        LOG.log(System.Logger.Level.INFO, "JWT Guard token endpoints at " + context.getContextPath()
                + settings.tokenPath() + ", " + settings.revokePath() + ", " + settings.jwksPath() + " (refresh token in "
                + settings.transport().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}

package io.jwtguard.runtime.servlet;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.RegistrationListener;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes Open Liberty's Jakarta Security bridge left registered for this application's context
 * by an earlier application. Liberty registers its bridge ({@code com.ibm.ws.security.javaeesec.AuthProvider})
 * with Jakarta Authentication's {@code AuthConfigFactory} for the context of a module that has an
 * {@code HttpAuthenticationMechanism} and never removes it at undeployment; an application deployed
 * later at the same context root without a mechanism then has every request sent to that bridge,
 * which finds no mechanism ({@code NullPointerException} in its {@code AuthModule}) and refuses the
 * request with 403 until the server restarts (measured on Open Liberty 26.0.0.3:
 * {@code tck-tests}' {@code SameContextRootTest}). Only a registration of exactly this context whose
 * provider is Liberty's bridge is removed, and only in an application without any Jakarta Security
 * mechanism (the caller checks), where such a registration cannot be its own.
 *
 * <p>Refers to the Jakarta Authentication API: load only where it is present. Stateless.
 */
final class StaleSecurityBridge {
    /** Open Liberty's Jakarta Security bridge provider. */
    static final String LIBERTY_BRIDGE = "com.ibm.ws.security.javaeesec.AuthProvider";
    private static final String LAYER = "HttpServlet";

    private StaleSecurityBridge() {
    }

    /**
     * @param context the application's servlet context, not null
     * @return the registrations removed, described for the log; empty when none was found
     */
    static List<String> remove(ServletContext context) {
        String appContext = context.getVirtualServerName() + " " + context.getContextPath();
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory == null) {
            return List.of();
        }
        AuthConfigProvider provider = factory.getConfigProvider(LAYER, appContext, (RegistrationListener) null);
        if (provider == null || !LIBERTY_BRIDGE.equals(provider.getClass().getName())) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        for (String id : factory.getRegistrationIDs(provider)) {
            AuthConfigFactory.RegistrationContext registration = factory.getRegistrationContext(id);
            if (registration != null && LAYER.equals(registration.getMessageLayer())
                    && appContext.equals(registration.getAppContext()) && factory.removeRegistration(id)) {
                removed.add(id);
            }
        }
        return removed;
    }
}

package io.jwtguard.runtime.guard;

import java.util.List;
import java.util.Objects;

/**
 * Whether JWT Guard's Jakarta Security {@code HttpAuthenticationMechanism} is registered for an
 * application, and why: decided once at deployment by the CDI extension, after type discovery.
 *
 * <p>A registered mechanism is not free where nothing needs it: Open Liberty then sends every
 * request of the application, with or without a token, through its JASPI bridge (about 7 % of the
 * samples of a request without a token, docs/benchmarks.md), and keeps each undeployed copy of the
 * application reachable through its per-module mechanism cache (docs/reliability.md). With
 * {@link ContainerLogin#AUTO} it is therefore registered only where something needs it:
 * <ul>
 *   <li>something in the application observes the container's caller ({@link CallerObservers});</li>
 *   <li>the server provides MicroProfile JWT to the application (the API is not loaded together
 *       with JWT Guard): its own mechanism or virtual security domain must find JWT Guard's in its
 *       place;</li>
 *   <li>the servlet filter is off or does not cover every path: the mechanism refuses bad tokens
 *       where the filter does not run;</li>
 *   <li>the container protects requests itself ({@link ContainerConstraints}: a
 *       {@code <security-constraint>} in {@code web.xml} or a {@code web-fragment.xml},
 *       {@code @ServletSecurity}), or the descriptor cannot be read: only the mechanism lets the
 *       container accept a bearer token there.</li>
 * </ul>
 * The servlet initializer checks the constraints again once the servlet context exists and logs an
 * ERROR naming the fix if one was missed.
 * With {@code always} or {@code protected} the mechanism is registered, and with
 * {@code jwtguard.security-mechanism.enabled=false} never. Immutable.
 *
 * @param registered whether the mechanism is a bean of the application
 * @param reason why, for the deployment log; not blank
 */
public record MechanismDecision(boolean registered, String reason) {
    public MechanismDecision {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * What the application shows at deployment, as far as the mechanism is concerned. Immutable.
     *
     * @param observers what observes the container's caller, not null
     * @param serverProvidesMpJwt whether the MicroProfile JWT API comes from the server rather than
     *     with JWT Guard (a server implementation may take part)
     * @param containerConstraints where the container protects requests itself, described; possibly none
     */
    public record Application(CallerObservers observers, boolean serverProvidesMpJwt,
            List<String> containerConstraints) {
        public Application {
            Objects.requireNonNull(observers, "observers");
            containerConstraints = List.copyOf(containerConstraints);
        }
    }

    /**
     * The decision where it does not depend on the application's classes: with
     * {@code enabled=false}, {@code always} or {@code protected}, or where the server provides
     * MicroProfile JWT (then the mechanism must be an alternative that outvotes the server's, which
     * only works when added before discovery).
     *
     * @param settings the application's runtime settings, not null
     * @param serverProvidesMpJwt whether the MicroProfile JWT API comes from the server
     * @return the decision, or empty when it needs the application's classes ({@link #decide})
     */
    public static java.util.Optional<MechanismDecision> beforeDiscovery(RuntimeSettings settings,
            boolean serverProvidesMpJwt) {
        if (settings.securityMechanism() && settings.containerLogin() == ContainerLogin.AUTO && !serverProvidesMpJwt) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(decide(settings, new Application(CallerObservers.NONE, serverProvidesMpJwt,
                List.of())));
    }

    /**
     * @param settings the application's runtime settings, not null
     * @param application what the application shows, not null
     * @return whether to register the mechanism, and why
     */
    public static MechanismDecision decide(RuntimeSettings settings, Application application) {
        String mode = RuntimeProperties.CONTAINER_LOGIN + "=" + settings.containerLogin().name().toLowerCase(
                java.util.Locale.ROOT);
        if (!settings.securityMechanism()) {
            return new MechanismDecision(false, RuntimeProperties.SECURITY_MECHANISM + "=false");
        }
        if (settings.containerLogin() != ContainerLogin.AUTO) {
            return new MechanismDecision(true, mode);
        }
        if (application.observers().needLogin()) {
            List<String> shown = application.observers().observers();
            return new MechanismDecision(true, mode + ": verified callers are logged in to the container on every request, "
                    + "because the container's caller is observed: "
                    + String.join("; ", shown.subList(0, Math.min(5, shown.size())))
                    + (shown.size() > 5 ? " (and " + (shown.size() - 5) + " more)" : ""));
        }
        String onlyProtected = "; verified callers are logged in to the container only where it protects the request";
        if (application.serverProvidesMpJwt()) {
            return new MechanismDecision(true, mode + ": the server provides MicroProfile JWT to this application, "
                    + "so JWT Guard's mechanism takes the place of the server's"
                    + onlyProtected);
        }
        if (settings.filterMode() == FilterMode.OFF) {
            return new MechanismDecision(true, mode + ": " + RuntimeProperties.SERVLET_FILTER + "=false, so the "
                    + "mechanism refuses bad tokens outside JAX-RS" + onlyProtected);
        }
        if (!settings.installedPatterns().contains("/*")) {
            return new MechanismDecision(true, mode + ": the servlet filter does not cover every path ("
                    + RuntimeProperties.SERVLET_FILTER_PATTERNS + "), so the mechanism refuses bad tokens elsewhere"
                    + onlyProtected);
        }
        if (!application.containerConstraints().isEmpty()) {
            return new MechanismDecision(true, mode + ": the container protects requests itself ("
                    + String.join("; ", application.containerConstraints()) + ")" + onlyProtected);
        }
        return new MechanismDecision(false, mode + ": nothing in the application needs the container to know the "
                + "caller, so no Jakarta Security mechanism is registered; JWT Guard's filters carry the caller and "
                + "enforce every requirement");
    }
}

package io.jwtguard.runtime.cdi;

import io.jwtguard.runtime.guard.ApplicationClaimRules;
import io.jwtguard.runtime.guard.CallerObservers;
import io.jwtguard.runtime.guard.ContainerConstraints;
import io.jwtguard.runtime.guard.MechanismDecision;
import io.jwtguard.core.verify.ClaimRule;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.runtime.annotation.RequireDPoP;
import io.jwtguard.runtime.authz.ResourceRequirements;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.guard.PropertyLookups;
import io.jwtguard.runtime.guard.RuntimeProperties;
import io.jwtguard.runtime.guard.RuntimeSettings;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessSyntheticBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The CDI portable extension of JWT Guard (registered through
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}):
 * <ul>
 *   <li>adds its beans explicitly ({@link CurrentToken}, {@link JsonWebTokenProducer},
 *       {@link ClaimProducers}, and, after type discovery, when the Jakarta Security API is
 *       present and the application needs it ({@link MechanismDecision}), the
 *       {@code HttpAuthenticationMechanism} of {@code io.jwtguard.runtime.security}); all but
 *       {@code CurrentToken} as enabled global alternatives ({@link Precedence}), so they win over a
 *       server's own MicroProfile JWT beans;</li>
 *   <li>detects a server's own MicroProfile JWT implementation in the deployment (a
 *       {@code JsonWebToken}, {@code ClaimValue} or {@code HttpAuthenticationMechanism} bean that
 *       is not JWT Guard's, for example Payara's when the application carries
 *       {@code @LoginConfig(authMethod = "MP-JWT")}) and says so once, as a WARNING naming the
 *       server; if that implementation brings an authentication mechanism and JWT Guard's is
 *       switched off, the server's would verify every token next to JWT Guard: a deployment
 *       error naming the server and the switch;</li>
 *   <li>when the container has no built-in {@code java.security.Principal} bean (a servlet
 *       container with Weld, unlike a Jakarta EE server), adds a request-scoped one whose value is
 *       the current {@code JsonWebToken}, as MicroProfile JWT requires of {@code @Inject Principal};</li>
 *   <li>notices {@code @LoginConfig(authMethod = "MP-JWT")} on application classes;</li>
 *   <li>finds what in the application observes the container's caller ({@link CallerObservers}:
 *       injected {@code Principal}, Jakarta Security {@code SecurityContext}, enterprise beans,
 *       ...) and {@code @ServletSecurity}, for {@code jwtguard.security-mechanism.container-login=auto};</li>
 *   <li>vetoes smallrye-jwt's own CDI beans ({@value #SMALLRYE_JWT}{@code *}): JWT Guard does
 *       not use smallrye-jwt (core reads keys and builds tokens with jose4j directly), but an
 *       application may bring smallrye-jwt into {@code WEB-INF/lib} itself; on a server without an
 *       MP-JWT feature (Open Liberty) its producers ({@code @Claim ClaimValue},
 *       {@code JsonWebToken}, {@code Principal}) would be discovered next to ours: ambiguous
 *       injection, or an empty token;</li>
 *   <li>refuses conflicting security annotations on one element ({@code @PermitAll} with
 *       {@code @RolesAllowed}, {@code @DenyAll} with either) on any discovered type, resource or
 *       not, as a deployment error naming the class and method;</li>
 *   <li>validates every {@code @Claim} injection point: no claim name, an unsupported type, or a
 *       raw claim value in a bean that outlives the request is a deployment error;</li>
 *   <li>after validation, for an MP-JWT application, builds the application's guard (an unusable
 *       configuration is a deployment error; the posture report is logged) and fires a
 *       {@link io.jwtguard.runtime.observe.TokenRejected} event per rejection.</li>
 * </ul>
 */
public final class JwtGuardExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(JwtGuardExtension.class.getName());
    private static final String SECURITY_API =
            "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism";
    private static final String MECHANISM = "io.jwtguard.runtime.security.JwtGuardAuthenticationMechanism";
    private static final String SERVLET_SECURITY = "jakarta.servlet.annotation.ServletSecurity";
    private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    /** Loaded by name only: the one class of the runtime that refers to the Health API's package. */
    private static final String HEALTH_CHECKS = "io.jwtguard.runtime.health.HealthChecks";

    static final String SMALLRYE_JWT = "io.smallrye.jwt.";
    private static final String OWN_PACKAGE = "io.jwtguard.";
    private static final String RUNTIME_PACKAGE = "io.jwtguard.runtime.";

    private final List<String> claimErrors = new ArrayList<>();
    private final List<String> securityErrors = new ArrayList<>();
    /** What observes the container's caller ({@link CallerObservers}); types may be processed concurrently. */
    private final List<String> callerObservers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Classes carrying {@code @RequireDPoP} (on the class or a method): they need DPoP on. */
    private final List<String> dpopResources = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Classes (extensions or bean classes) that contributed a JsonWebToken or ClaimValue bean not ours. */
    private final Set<String> jwtSources = new LinkedHashSet<>();
    /** Classes that contributed an HttpAuthenticationMechanism bean not ours. */
    private final Set<String> mechanismSources = new LinkedHashSet<>();
    /** Where the container protects requests itself: {@code @ServletSecurity} on discovered classes. */
    private final List<String> containerConstraints = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * The application's {@code WEB-INF/web.xml}, located from the first discovered class in
     * {@code WEB-INF} (server and API classes come first on some servers), to read it before the
     * servlet context exists; null until found.
     */
    private volatile java.net.URL webXml;
    /** Where the first discovered class was loaded from, for the message when {@link #webXml} stays null. */
    private volatile String firstClassLocation;
    /** Classes looked up for {@link #webXml}: bounded, the look-up is a class loader resource search. */
    private final java.util.concurrent.atomic.AtomicInteger webXmlLookups = new java.util.concurrent.atomic.AtomicInteger();
    private static final int WEB_XML_LOOKUPS = 2_000;
    private boolean loginConfigSeen;
    private boolean mechanismAdded;
    /** Decided after type discovery; null without the Jakarta Security API. */
    private MechanismDecision mechanismDecision;
    private ClassLoader loader;
    private CdiRejectionListener listener;

    void addBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        loader = Thread.currentThread().getContextClassLoader();
        event.addAnnotatedType(beanManager.createAnnotatedType(CurrentToken.class), CurrentToken.class.getName());
        for (Class<?> type : List.of(JsonWebTokenProducer.class, ClaimProducers.class)) {
            addAlternative(event, type);
        }
        if (loader == null || !PropertyLookups.isPresent(SECURITY_API, loader)) {
            return; // no Jakarta Security: nothing to decide
        }
        Optional<MechanismDecision> early;
        try {
            early = MechanismDecision.beforeDiscovery(RuntimeSettings.load(PropertyLookups.forApplication(loader, null)),
                    serverProvidesMpJwt());
        } catch (ConfigurationException e) {
            // reported when the guard is built; meanwhile the side of the earlier releases
            early = Optional.of(new MechanismDecision(true, "the configuration is unusable (" + e.getMessage() + ")"));
        }
        if (early.isEmpty()) {
            return; // container-login=auto on a server without its own MP-JWT: after type discovery
        }
        mechanismDecision = early.get();
        if (mechanismDecision.registered()) {
            mechanismClass().ifPresent(type -> {
                addAlternative(event, type);
                mechanismAdded = true;
            });
        }
        JwtGuards.recordMechanism(loader, mechanismDecision);
    }

    private static <T> void addAlternative(BeforeBeanDiscovery event, Class<T> type) {
        Precedence.asAlternative(event.addAnnotatedType(type, type.getName()));
    }

    /**
     * Decides, with {@code container-login=auto} on a server that does not provide MicroProfile JWT,
     * whether the application needs JWT Guard's Jakarta Security mechanism ({@link MechanismDecision}),
     * and adds it if so: after type discovery, when everything that observes the container's caller is
     * known. It is then a plain bean, not an alternative: without a server MP-JWT there is no other
     * mechanism to outvote (an application's own one is, with it, a deployment error of ambiguity).
     * Every other case was decided before discovery ({@link #addBeans}).
     */
    void addMechanism(@Observes AfterTypeDiscovery event) {
        if (loader == null || mechanismDecision != null || !PropertyLookups.isPresent(SECURITY_API, loader)) {
            return;
        }
        List<String> constraints = new ArrayList<>(containerConstraints);
        constraints.addAll(ContainerConstraints.beforeStart(loader, Optional.ofNullable(webXml), firstClassLocation));
        MechanismDecision.Application application = new MechanismDecision.Application(
                CallerObservers.of(List.copyOf(callerObservers)), false, constraints);
        try {
            mechanismDecision = MechanismDecision.decide(RuntimeSettings.load(
                    PropertyLookups.forApplication(loader, null)), application);
        } catch (ConfigurationException e) {
            mechanismDecision = new MechanismDecision(true, "the configuration is unusable (" + e.getMessage() + ")");
        }
        if (mechanismDecision.registered()) {
            Optional<Class<?>> type = mechanismClass();
            if (type.isPresent()) {
                event.addAnnotatedType(type.get(), type.get().getName());
                mechanismAdded = true;
            } else {
                mechanismDecision = new MechanismDecision(false, "the mechanism cannot be loaded");
            }
        }
        JwtGuards.recordMechanism(loader, mechanismDecision);
    }

    private static Optional<Class<?>> mechanismClass() {
        try {
            return Optional.of(Class.forName(MECHANISM, true, JwtGuardExtension.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Jakarta Security is present but JWT Guard's mechanism cannot be "
                    + "loaded: " + e);
            return Optional.empty();
        }
    }

    /**
     * @return whether the MicroProfile JWT API is the server's rather than loaded together with JWT
     *     Guard: then the server's own implementation may take part (Payara, WildFly's subsystem,
     *     TomEE, Liberty's mpJwt feature), and JWT Guard's mechanism must take its place
     */
    private static boolean serverProvidesMpJwt() {
        return JsonWebToken.class.getClassLoader() != JwtGuardExtension.class.getClassLoader();
    }

    void addPrincipal(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        if (!beanManager.getBeans(Principal.class).isEmpty()) {
            return; // the container's built-in bean (Jakarta EE) or the application's own
        }
        event.addBean().beanClass(CurrentToken.class).types(Principal.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(RequestScoped.class)
                .produceWith(beans -> beans.select(CurrentToken.class).get().token()
                        .<Principal>map(token -> token).orElse(EmptyJsonWebToken.INSTANCE));
    }

    /**
     * Adds the MicroProfile Health checks ({@code io.jwtguard.runtime.health}) when the application
     * sees the Health API and {@code jwtguard.health.enabled} is not false. Without the API nothing
     * of that package is loaded, so the application deploys as before.
     */
    void addHealthChecks(@Observes AfterBeanDiscovery event) {
        if (loader == null || !PropertyLookups.isPresent(HEALTH_API, loader)) {
            return;
        }
        Function<String, Optional<String>> properties = PropertyLookups.forApplication(loader, null);
        try {
            if (!RuntimeSettings.flag(properties, RuntimeProperties.HEALTH, true)) {
                return;
            }
        } catch (ConfigurationException e) {
            event.addDefinitionError(e);
            return;
        }
        try {
            Object names = Class.forName(HEALTH_CHECKS, true, JwtGuardExtension.class.getClassLoader())
                    .getMethod("register", AfterBeanDiscovery.class, ClassLoader.class, Function.class)
                    .invoke(null, event, loader, properties);
            LOG.log(System.Logger.Level.DEBUG, "JWT Guard: health checks " + names);
        } catch (InvocationTargetException e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard: MicroProfile Health is present but the health checks "
                    + "cannot be added: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard: MicroProfile Health is present but the health checks "
                    + "cannot be loaded: " + e);
        }
    }

    <T> void vetoSmallRyeJwtBeans(@Observes ProcessAnnotatedType<T> event) {
        if (event.getAnnotatedType().getJavaClass().getName().startsWith(SMALLRYE_JWT)) {
            event.veto();
        }
    }

    /**
     * Records what in the class can observe the container's caller ({@link CallerObservers}), for
     * {@code jwtguard.security-mechanism.container-login=auto}. JWT Guard's own classes (from
     * this jar: {@link CurrentToken} injects the request to read the outcome JWT Guard stored on
     * it, never the container's caller) and smallrye-jwt's (vetoed) are left out.
     */
    <T> void findCallerObservers(@Observes ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (!type.getName().startsWith(SMALLRYE_JWT) && !ownJar(type)) {
            callerObservers.addAll(CallerObservers.find(type));
            for (java.lang.annotation.Annotation annotation : type.getAnnotations()) {
                if (SERVLET_SECURITY.equals(annotation.annotationType().getName())) {
                    containerConstraints.add("@ServletSecurity on " + type.getName());
                }
            }
            locateWebXml(type);
        }
    }

    private void locateWebXml(Class<?> type) {
        if (webXml != null || loader == null || mechanismDecision != null
                || webXmlLookups.incrementAndGet() > WEB_XML_LOOKUPS) {
            return;
        }
        java.net.URL resource = loader.getResource(type.getName().replace('.', '/') + ".class");
        if (resource != null && firstClassLocation == null) {
            firstClassLocation = resource.toString();
        }
        ContainerConstraints.webXmlBeside(resource).ifPresent(found -> webXml = found);
    }

    /** @return whether {@code type} comes from the jar (or class folder) of this extension */
    private static boolean ownJar(Class<?> type) {
        if (!type.getName().startsWith(RUNTIME_PACKAGE)) {
            return false;
        }
        try {
            java.security.CodeSource own = JwtGuardExtension.class.getProtectionDomain().getCodeSource();
            java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
            return own != null && theirs != null && java.util.Objects.equals(own.getLocation(), theirs.getLocation());
        } catch (SecurityException e) {
            return false;
        }
    }

    <T> void detectCompetitor(@Observes ProcessBean<T> event) {
        Bean<?> bean = event.getBean();
        boolean mechanism = bean.getTypes().stream().anyMatch(t -> SECURITY_API.equals(t.getTypeName()));
        if (!mechanism && bean.getTypes().stream().noneMatch(JwtGuardExtension::isMicroProfileJwtType)) {
            return;
        }
        Object extension = event instanceof ProcessSyntheticBean ? ((ProcessSyntheticBean<T>) event).getSource() : null;
        String source = extension != null ? extension.getClass().getName() : bean.getBeanClass().getName();
        if (source.startsWith(OWN_PACKAGE)) {
            return;
        }
        if (mechanism && loader != null) {
            JwtGuards.recordOtherMechanism(loader);
        }
        // an application's own mechanism (form login, ...) is no competitor: only one that comes
        // with JsonWebToken / @Claim beans from the same source is
        (mechanism ? mechanismSources : jwtSources).add(source);
    }

    /** @return the other MP-JWT implementations seen: the sources of foreign JsonWebToken / ClaimValue beans */
    private List<CompetingImplementation> competitors() {
        return jwtSources.stream().map(source -> CompetingImplementation.of(source, mechanismSources.contains(source)))
                .collect(Collectors.toList());
    }

    private static boolean isMicroProfileJwtType(Type type) {
        Type raw = type instanceof ParameterizedType ? ((ParameterizedType) type).getRawType() : type;
        return raw == JsonWebToken.class || raw == ClaimValue.class;
    }

    <T> void detectLoginConfig(@Observes @WithAnnotations(LoginConfig.class) ProcessAnnotatedType<T> event) {
        LoginConfig config = event.getAnnotatedType().getAnnotation(LoginConfig.class);
        if (config != null && "MP-JWT".equalsIgnoreCase(config.authMethod())) {
            loginConfigSeen = true;
        }
    }

    <T> void validateSecurityAnnotations(
            @Observes @WithAnnotations({RolesAllowed.class, PermitAll.class, DenyAll.class}) ProcessAnnotatedType<T> event) {
        try {
            ResourceRequirements.checkConflicts(event.getAnnotatedType().getJavaClass());
        } catch (IllegalArgumentException e) {
            securityErrors.add(e.getMessage());
        }
    }

    <T> void detectRequireDPoP(@Observes @WithAnnotations(RequireDPoP.class) ProcessAnnotatedType<T> event) {
        dpopResources.add(event.getAnnotatedType().getJavaClass().getName());
    }

    void reportSecurityAnnotationErrors(@Observes AfterBeanDiscovery event) {
        for (String error : securityErrors) {
            event.addDefinitionError(new DeploymentException(error));
        }
    }

    void validateClaimInjection(@Observes ProcessInjectionPoint<?, ?> event) {
        if (ClaimInjection.claimQualifier(event.getInjectionPoint()).isEmpty()) {
            return;
        }
        try {
            ClaimInjection.validate(event.getInjectionPoint());
        } catch (IllegalArgumentException e) {
            claimErrors.add(e.getMessage());
            event.addDefinitionError(new DeploymentException(e.getMessage()));
        }
    }

    void start(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        if (loader == null) {
            return;
        }
        listener = new CdiRejectionListener(beanManager);
        CallerObservers observers = CallerObservers.of(List.copyOf(callerObservers));
        JwtGuards.recordCallerObservers(loader, observers);
        if (loginConfigSeen) {
            JwtGuards.markActive(loader);
        }
        List<CompetingImplementation> competitors = competitors();
        if (JwtGuards.isActive(loader) && !competitors.isEmpty()) {
            Optional<String> problem = coexistence(competitors);
            if (problem.isPresent()) {
                event.addDeploymentProblem(new DeploymentException(problem.get()));
                return;
            }
        }
        if (JwtGuards.isActive(loader)) {
            try {
                JwtGuards.obtain(loader, () -> PropertyLookups.forApplication(loader, null));
            } catch (ConfigurationException e) {
                event.addDeploymentProblem(new DeploymentException("JWT Guard configuration: " + e.getMessage(), e));
                return;
            }
        }
        Optional<JwtGuard> existing = JwtGuards.find(loader);
        if (existing.isPresent() && !dpopResources.isEmpty()
                && !existing.get().configuration().dpop().enabledAnywhere()) {
            event.addDeploymentProblem(new DeploymentException("JWT Guard configuration: jwtguard.dpop.mode: @RequireDPoP "
                    + "on " + String.join(", ", dpopResources) + " can never be satisfied while DPoP is off; set "
                    + "jwtguard.dpop.mode=allowed (or required), or remove the annotation"));
            return;
        }
        if (existing.isPresent()) {
            try {
                bindClaimRules(existing.get(), beanManager);
            } catch (IllegalArgumentException e) {
                event.addDeploymentProblem(new DeploymentException("JWT Guard: " + e.getMessage(), e));
                return;
            }
        } else {
            JwtGuards.whenCreated(loader, guard -> {
                try {
                    bindClaimRules(guard, beanManager);
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.ERROR, "JWT Guard: " + e.getMessage() + "; every token is refused "
                            + "until this is fixed");
                    guard.claimRules().ifPresent(slot -> slot.bind(List.of(new ApplicationClaimRules.Bound(
                            "misconfigured claim rules", (claims, now) -> {
                                throw ClaimRule.failure("rule-error", "the claim rule beans are misconfigured");
                            }, Set.of()))));
                }
            });
        }
        // attach now, or when the servlet initializer creates the guard later
        JwtGuards.whenCreated(loader, guard -> guard.addListener(listener));
        MechanismDecision decision = mechanismDecision;
        if (decision != null) {
            JwtGuards.whenCreated(loader, guard -> LOG.log(System.Logger.Level.INFO, "JWT Guard: " + decision.reason()));
        }
    }

    /** Binds the application's {@link ClaimRule} beans to the guard's verifier, once. */
    private static void bindClaimRules(JwtGuard guard, BeanManager beanManager) {
        List<ApplicationClaimRules.Bound> rules = ClaimRuleBeans.resolve(beanManager,
                guard.configuration().verifier());
        Optional<ApplicationClaimRules> slot = guard.claimRules();
        if (slot.isPresent()) {
            slot.get().bind(rules);
            if (!rules.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "JWT Guard: claim rule beans " + rules.stream()
                        .map(ApplicationClaimRules.Bound::name).toList() + " check every token");
            }
        } else if (!rules.isEmpty()) {
            throw new IllegalArgumentException("claim rule beans " + rules.stream().map(ApplicationClaimRules.Bound::name)
                    .toList() + " cannot be used: this application's guard was built from a configuration loaded "
                    + "elsewhere; add the rules to its VerifierConfigBuilder");
        }
    }

    void stop(@Observes BeforeShutdown event) {
        if (loader != null && listener != null) {
            Optional<JwtGuard> guard = JwtGuards.find(loader);
            guard.ifPresent(g -> g.removeListener(listener));
        }
        if (loader != null) {
            // the servlet initializer's listener does the same when the context is destroyed; whichever
            // comes first closes the guard (key refresh threads, the token store's pool)
            JwtGuards.release(loader);
        }
    }

    /**
     * Logs the WARNING that another MP-JWT implementation is present and how JWT Guard wins, or
     * returns the deployment problem when it cannot win: the competitor would verify tokens with
     * its own mechanism because JWT Guard's is switched off.
     */
    private Optional<String> coexistence(List<CompetingImplementation> competitors) {
        String servers = competitors.stream().map(CompetingImplementation::server).distinct()
                .collect(Collectors.joining(", "));
        String sources = competitors.stream().map(CompetingImplementation::source).distinct()
                .collect(Collectors.joining(", "));
        Optional<CompetingImplementation> verifier = competitors.stream().filter(CompetingImplementation::mechanism)
                .findFirst();
        if (verifier.isPresent() && !mechanismAdded) {
            return Optional.of("JWT Guard: " + verifier.get().server() + " adds its own MicroProfile JWT authentication "
                    + "mechanism (" + verifier.get().source() + "), which would verify every bearer token next to JWT "
                    + "Guard because " + RuntimeProperties.SECURITY_MECHANISM + "=false. Remove that setting (the "
                    + "default is true): JWT Guard's mechanism then takes the server's place. See docs/servers.md.");
        }
        LOG.log(System.Logger.Level.WARNING, "JWT Guard: a second MicroProfile JWT implementation is active in this "
                + "application: " + servers + " (" + sources + "). JWT Guard's JsonWebToken, @Claim and "
                + (mechanismAdded ? "HttpAuthenticationMechanism beans" : "beans")
                + " are enabled alternatives (priority " + Precedence.PRIORITY + ") and take precedence"
                + (verifier.isPresent() ? "; the server's mechanism is never selected, so each bearer token is "
                        + "verified once, by JWT Guard" : "")
                + ". The server's beans stay registered, unused. See docs/servers.md.");
        return Optional.empty();
    }

    /** @return the {@code @Claim} problems found at deployment (for diagnostics) */
    List<String> claimErrors() {
        return List.copyOf(claimErrors);
    }
}

package io.jwtguard.runtime.guard;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import io.jwtguard.runtime.http.RequestAuthenticator;
import io.jwtguard.runtime.http.TokenExtractor;
import io.jwtguard.runtime.http.TokenResolver;
import io.jwtguard.runtime.observe.RejectionCounters;
import io.jwtguard.runtime.observe.RejectionListener;
import io.jwtguard.runtime.observe.RejectionSummary;
import io.jwtguard.runtime.observe.TokenRejected;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One application's JWT Guard, built once at deployment from configuration: the verifier
 * (whose creation logs the posture report), the token transport, the runtime settings, the
 * request authenticator and the rejection counters. Immutable apart from its listener list;
 * thread-safe.
 */
public final class JwtGuard implements AutoCloseable {
    private final LoadedConfiguration configuration;
    private final RuntimeSettings settings;
    private final RejectionCounters counters = new RejectionCounters();
    private final List<RejectionListener> listeners = new CopyOnWriteArrayList<>();
    private final RequestAuthenticator authenticator;
    private final TokenVerifier verifier;
    private final io.jwtguard.core.dpop.ReplayCache replayCache;
    /** Null when the guard was built from a configuration loaded elsewhere. */
    private final ApplicationClaimRules claimRules;
    private final RefusalBodyWriter refusalBodies;
    /** The challenge without a token: realm and DPoP mode are fixed at deployment. */
    private final BearerChallenge noTokenChallenge;

    private JwtGuard(LoadedConfiguration configuration, RuntimeSettings settings, ApplicationClaimRules claimRules,
            TokenResolver resolver, RefusalBodyWriter refusalBodies) {
        this.configuration = configuration;
        this.refusalBodies = new GuardedBodyWriter(refusalBodies);
        this.claimRules = claimRules;
        this.settings = settings;
        listeners.add(counters);
        // the container's own log line for a refusal (Open Liberty's CWWKS1652A, WildFly's) never says
        // why; this says it at INFO, at most once a minute, without any part of a token
        listeners.add(RejectionSummary.logging(configuration.verifier().clock()));
        if (settings.openTelemetry() && openTelemetryPresent()) {
            listeners.add(io.jwtguard.runtime.observe.otel.OpenTelemetryMetrics.ofRuntime());
        }
        RejectionListener fanOut = new RejectionListener() {
            @Override
            public void rejected(TokenRejected event) {
                listeners.forEach(l -> l.rejected(event));
            }

            @Override
            public void unavailable(VerificationUnavailableException.Source source) {
                listeners.forEach(l -> l.unavailable(source));
            }
        };
        java.time.Clock clock = configuration.verifier().clock();
        io.jwtguard.core.dpop.DPoPSettings dpop = configuration.dpop();
        this.verifier = TokenVerifier.create(configuration.verifier());
        this.replayCache = configuration.dpopReplayCache().orElseGet(() -> new io.jwtguard.core.dpop.InMemoryReplayCache(
                configuration.acceptsDPoPProofs() ? dpop.replayCacheSize() : 1, clock, settings.retryAfter()));
        this.authenticator = new RequestAuthenticator(verifier,
                resolver != null ? resolver : new TokenExtractor(configuration.transport()), fanOut,
                settings.retryAfter(), new io.jwtguard.core.dpop.DPoPProofVerifier(dpop, replayCache, clock,
                        configuration.verifier().signatureEngines()));
        this.noTokenChallenge = authenticator.noTokenChallenge(settings.realm());
    }

    /**
     * Reads and validates the configuration and builds the guard.
     *
     * @param properties the application's property lookup, not null
     * @throws ConfigurationException naming the property, when the configuration is unusable
     */
    public static JwtGuard create(Function<String, Optional<String>> properties) {
        Objects.requireNonNull(properties, "properties");
        RuntimeSettings settings = RuntimeSettings.load(properties);
        TokenResolver resolver = properties.apply(RuntimeProperties.TOKEN_RESOLVER)
                .filter(name -> !name.isBlank())
                .map(name -> ApplicationClasses.instantiate(RuntimeProperties.TOKEN_RESOLVER, name, TokenResolver.class))
                .orElse(null);
        RefusalBodyWriter bodies = RefusalBodies.choose(properties);
        ApplicationClaimRules claimRules = new ApplicationClaimRules();
        return new JwtGuard(ConfigLoader.load(properties, Clock.systemUTC(), builder -> builder.claimRule(claimRules)),
                settings, claimRules, resolver, bodies);
    }

    /** As {@link #create(Function)}, with an already loaded configuration (tests, embedding). */
    public static JwtGuard create(LoadedConfiguration configuration, RuntimeSettings settings) {
        return create(configuration, settings, RefusalBodyWriter.NONE);
    }

    /** As {@link #create(LoadedConfiguration, RuntimeSettings)}, with the body writer of refusals. */
    public static JwtGuard create(LoadedConfiguration configuration, RuntimeSettings settings,
            RefusalBodyWriter refusalBodies) {
        return new JwtGuard(Objects.requireNonNull(configuration, "configuration"),
                Objects.requireNonNull(settings, "settings"), null, null,
                Objects.requireNonNull(refusalBodies, "refusalBodies"));
    }

    private static boolean openTelemetryPresent() {
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, JwtGuard.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return the authenticator of requests */
    public RequestAuthenticator authenticator() {
        return authenticator;
    }

    /**
     * @return the writer of refusal bodies ({@link RuntimeProperties#ERROR_BODY}); never throws:
     *     a failing application writer gives no body
     */
    public RefusalBodyWriter refusalBodies() {
        return refusalBodies;
    }

    /**
     * @return the challenge for a request without a token where one is needed: {@code Bearer}, and
     *     {@code DPoP} as the DPoP mode says ({@link RequestAuthenticator#noTokenChallenge})
     */
    public BearerChallenge noTokenChallenge() {
        return noTokenChallenge;
    }

    /** @return the runtime settings */
    public RuntimeSettings settings() {
        return settings;
    }

    /** @return the loaded configuration */
    public LoadedConfiguration configuration() {
        return configuration;
    }

    /** @return the verifier's clock: the time source of per-resource freshness checks too */
    public Clock clock() {
        return configuration.verifier().clock();
    }

    /**
     * @return the slot for the application's claim-rule beans, which the CDI extension binds at
     *     deployment; empty when this guard was built from a configuration loaded elsewhere (add
     *     rules to its {@code VerifierConfigBuilder} then)
     */
    public Optional<ApplicationClaimRules> claimRules() {
        return Optional.ofNullable(claimRules);
    }

    /** @return how many verified tokens the verifier caches now (approximately); 0 when its cache is off */
    public long cachedTokenCount() {
        return verifier.cachedTokenCount();
    }

    /**
     * @return how many DPoP proofs this node's replay cache remembers now; empty when the cache is
     *     shared in a database ({@code jwtguard.dpop.replay-cache.type=jdbc})
     */
    public java.util.OptionalLong replayCacheEntries() {
        return replayCache instanceof io.jwtguard.core.dpop.InMemoryReplayCache memory
                ? java.util.OptionalLong.of(memory.size()) : java.util.OptionalLong.empty();
    }

    /** @return the per-reason rejection counters */
    public RejectionCounters counters() {
        return counters;
    }

    /** @param listener told about every later rejection, not null */
    public void addListener(RejectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener a listener added before; no effect otherwise */
    public void removeListener(RejectionListener listener) {
        listeners.remove(listener);
    }

    /**
     * Releases what the application's configuration owns (key refresh threads, the token
     * service's connection pool) and stops telling listeners. Called when the application stops;
     * idempotent.
     */
    @Override
    public void close() {
        listeners.clear();
        configuration.close();
    }

    @Override
    public String toString() {
        return "JwtGuard[" + authenticator + ", realm=" + settings.realm() + "]";
    }
}

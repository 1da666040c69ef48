package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.runtime.http.RequestAuthenticator;
import io.jwtguard.runtime.http.TokenExtractor;
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
public final class JwtGuard {
    private final LoadedConfiguration configuration;
    private final RuntimeSettings settings;
    private final RejectionCounters counters = new RejectionCounters();
    private final List<RejectionListener> listeners = new CopyOnWriteArrayList<>();
    private final RequestAuthenticator authenticator;

    private JwtGuard(LoadedConfiguration configuration, RuntimeSettings settings) {
        this.configuration = configuration;
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
            public void keysUnavailable() {
                listeners.forEach(RejectionListener::keysUnavailable);
            }
        };
        this.authenticator = new RequestAuthenticator(TokenVerifier.create(configuration.verifier()),
                new TokenExtractor(configuration.transport()), fanOut, settings.retryAfter());
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
        return new JwtGuard(ConfigLoader.load(properties), settings);
    }

    /** As {@link #create(Function)}, with an already loaded configuration (tests, embedding). */
    public static JwtGuard create(LoadedConfiguration configuration, RuntimeSettings settings) {
        return new JwtGuard(Objects.requireNonNull(configuration, "configuration"),
                Objects.requireNonNull(settings, "settings"));
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

    @Override
    public String toString() {
        return "JwtGuard[" + authenticator + ", realm=" + settings.realm() + "]";
    }
}

package io.jwtguard.core.config;

import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.ReplayCache;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.verify.VerifierConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ConfigLoader} read: the verifier's configuration, the token transport, and,
 * when enabled, the token service and its endpoints' settings. Immutable (the token service is
 * thread-safe and holds the store). {@link #close()} releases what the configuration owns: the
 * key sources' refresh threads and the token service's connection pool; call it when the
 * application stops.
 *
 * @param verifier the validated verifier configuration, not null
 * @param transport where requests carry tokens, not null
 * @param tokenService the token service when {@code jwtguard.token-service.enabled=true}, not null
 * @param endpoints the endpoints' settings, not null
 * @param dpop the DPoP settings ({@code jwtguard.dpop.*}), not null
 * @param dpopReplayCache the DPoP replay cache the nodes of a cluster share
 *     ({@code jwtguard.dpop.replay-cache.type=jdbc}); empty when each node keeps its own in memory, not null
 */
public record LoadedConfiguration(VerifierConfig verifier, TokenTransport transport,
        Optional<TokenService> tokenService, EndpointSettings endpoints, DPoPSettings dpop,
        Optional<ReplayCache> dpopReplayCache) implements AutoCloseable {
    public LoadedConfiguration {
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(dpopReplayCache, "dpopReplayCache");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(tokenService, "tokenService");
        Objects.requireNonNull(endpoints, "endpoints");
    }

    private static final System.Logger LOG = System.getLogger(LoadedConfiguration.class.getName());

    /**
     * Closes every key source of every trusted issuer, the token service and the shared replay cache. Idempotent; a
     * failure to close one part is logged and does not stop the others.
     */
    @Override
    public void close() {
        List<KeySource> sources = new ArrayList<>(verifier.keySources());
        verifier.trustedIssuers().forEach(issuer -> sources.addAll(issuer.keySources()));
        for (KeySource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing key source " + source.describe() + " failed: " + e);
            }
        }
        tokenService.ifPresent(service -> {
            try {
                service.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing the token service failed: " + e);
            }
        });
        dpopReplayCache.filter(AutoCloseable.class::isInstance).ifPresent(cache -> {
            try {
                ((AutoCloseable) cache).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Closing the DPoP replay cache failed: " + e);
            }
        });
    }

    /**
     * @return whether this application checks DPoP proofs anywhere: at a resource ({@code jwtguard.dpop.mode}
     *     of some issuer not {@code off}) or at its token endpoints ({@code jwtguard.endpoints.dpop})
     */
    public boolean acceptsDPoPProofs() {
        return dpop.enabledAnywhere() || tokenService.isPresent() && endpoints.dpop() != DPoPMode.OFF;
    }

    /** As the canonical constructor, each node keeping its own DPoP replay cache. */
    public LoadedConfiguration(VerifierConfig verifier, TokenTransport transport, Optional<TokenService> tokenService,
            EndpointSettings endpoints, DPoPSettings dpop) {
        this(verifier, transport, tokenService, endpoints, dpop, Optional.empty());
    }

    /** A configuration without token service, DPoP off. */
    public LoadedConfiguration(VerifierConfig verifier, TokenTransport transport) {
        this(verifier, transport, Optional.empty(), EndpointSettings.DEFAULTS, DPoPSettings.DEFAULT);
    }
}

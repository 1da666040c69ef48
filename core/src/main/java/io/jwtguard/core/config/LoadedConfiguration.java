package io.jwtguard.core.config;

import io.jwtguard.core.issue.TokenService;
import io.jwtguard.core.verify.VerifierConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ConfigLoader} read: the verifier's configuration, the token transport, and,
 * when enabled, the token service and its endpoints' settings. Immutable (the token service is
 * thread-safe and holds the store).
 *
 * @param verifier the validated verifier configuration, not null
 * @param transport where requests carry tokens, not null
 * @param tokenService the token service when {@code jwtguard.token-service.enabled=true}, not null
 * @param endpoints the endpoints' settings, not null
 */
public record LoadedConfiguration(VerifierConfig verifier, TokenTransport transport,
        Optional<TokenService> tokenService, EndpointSettings endpoints) {
    public LoadedConfiguration {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(tokenService, "tokenService");
        Objects.requireNonNull(endpoints, "endpoints");
    }

    /** A configuration without token service. */
    public LoadedConfiguration(VerifierConfig verifier, TokenTransport transport) {
        this(verifier, transport, Optional.empty(), EndpointSettings.DEFAULTS);
    }
}

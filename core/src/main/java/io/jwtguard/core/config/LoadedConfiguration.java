package io.jwtguard.core.config;

import java.util.Objects;

/**
 * Everything {@link ConfigLoader} read: the verifier's configuration and the token transport.
 * Immutable.
 *
 * @param verifier the validated verifier configuration, not null
 * @param transport where requests carry tokens, not null
 */
public record LoadedConfiguration(VerifierConfig verifier, TokenTransport transport) {
    public LoadedConfiguration {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(transport, "transport");
    }
}

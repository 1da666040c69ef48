package io.jwtguard.core.verify;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One more issuer that a multi-issuer verifier trusts, with its own keys, algorithms, audiences,
 * clock skew and token age ({@code jwtguard.issuers.<name>.*}). A token is matched to an issuer
 * by the exact string value of its {@code iss}; that value never tells where keys live.
 * Immutable.
 *
 * @param name the configuration name, for messages, not null
 * @param issuer the exact {@code iss} value, not null or blank
 * @param keySources where this issuer's keys come from, not empty
 * @param allowedAlgorithms the algorithms this issuer may use, not empty
 * @param audiences accepted audiences; empty: not checked
 * @param clockSkew allowed clock skew, not negative
 * @param maxTokenAge maximum {@code now - iat}, or null for not limited
 */
public record TrustedIssuer(String name, String issuer, List<KeySource> keySources, Set<JwsAlgorithm> allowedAlgorithms,
        Set<String> audiences, Duration clockSkew, Duration maxTokenAge) {

    public TrustedIssuer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        keySources = List.copyOf(keySources);
        allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** @return the maximum token age, or empty when not limited */
    public Optional<Duration> tokenAge() {
        return Optional.ofNullable(maxTokenAge);
    }
}

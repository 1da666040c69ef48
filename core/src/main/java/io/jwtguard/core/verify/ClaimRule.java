package io.jwtguard.core.verify;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One claim check with one job (expiry, issuer, audience, ...). Runs after the signature was
 * verified. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ClaimRule {
    /**
     * @param claims the verified claims set, not null
     * @param now the verification instant (from the configured clock), not null
     * @throws TokenRejectedException with the rule's reason if the claims break it
     */
    void check(JsonObject claims, Instant now);
}

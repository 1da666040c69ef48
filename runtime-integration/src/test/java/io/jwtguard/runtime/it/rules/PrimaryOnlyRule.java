package io.jwtguard.runtime.it.rules;

import io.jwtguard.core.verify.ClaimRule;
import io.jwtguard.runtime.annotation.ForIssuers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.time.Instant;

/** Limited to the primary issuer: its tokens must not carry {@code act} (no delegated tokens). */
@ApplicationScoped
@ForIssuers(ForIssuers.PRIMARY)
public class PrimaryOnlyRule implements ClaimRule {
    @Override
    public void check(JsonObject claims, Instant now) {
        if (claims.containsKey("act")) {
            throw ClaimRule.failure("no-delegation", "delegated tokens are not accepted");
        }
    }
}

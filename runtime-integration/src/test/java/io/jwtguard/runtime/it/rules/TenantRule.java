package io.jwtguard.runtime.it.rules;

import io.jwtguard.core.verify.ClaimRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** A CDI claim-rule bean whose state changes at run time: the tenants that may call the API. */
@ApplicationScoped
public class TenantRule implements ClaimRule {
    private final Set<String> tenants = new CopyOnWriteArraySet<>(Set.of("acme", "beta"));

    @Override
    public void check(JsonObject claims, Instant now) {
        if (!tenants.contains(claims.getString("tid", ""))) {
            throw ClaimRule.failure("tenant", "the tenant may not call this API");
        }
    }

    public void offboard(String tenant) {
        tenants.remove(tenant);
    }
}

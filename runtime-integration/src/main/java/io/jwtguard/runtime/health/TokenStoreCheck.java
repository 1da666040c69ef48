package io.jwtguard.runtime.health;

import io.jwtguard.core.issue.TokenService;
import io.jwtguard.runtime.guard.JwtGuard;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness of the token service's database ({@value HealthChecks#STORE}): up when a connection
 * is obtained and the driver says it is valid within {@link #TIMEOUT}
 * ({@link TokenService#storeReachable(Duration)}); reads and writes no table. Registered only when
 * the token service is enabled with {@code jwtguard.store.type=jdbc}. Thread-safe.
 */
final class TokenStoreCheck extends ProxyableCheck {
    /** How long the driver's validity check may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<Optional<JwtGuard>> guard;

    TokenStoreCheck(Supplier<Optional<JwtGuard>> guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public HealthCheckResponse call() {
        Optional<TokenService> service = guard.get().flatMap(g -> g.configuration().tokenService());
        Map<String, Object> data = new LinkedHashMap<>();
        if (service.isEmpty()) {
            data.put("active", false);
            return response(true, data);
        }
        Optional<Boolean> reachable = service.get().storeReachable(TIMEOUT);
        data.put("store", reachable.isPresent() ? "jdbc" : "memory");
        reachable.ifPresent(r -> data.put("reachable", r));
        return response(reachable.orElse(true), data);
    }

    private static HealthCheckResponse response(boolean up, Map<String, Object> data) {
        return new HealthCheckResponse(HealthChecks.STORE,
                up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}

package io.jwtguard.runtime.health;

import io.jwtguard.runtime.guard.JwtGuard;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Liveness ({@value HealthChecks#LIVENESS}): always up. An issuer or a database that is down
 * makes the application not ready, never "dead": restarting it would not bring them back. Calls
 * nothing outside the process; the data says whether the application's guard was built
 * ({@code active}). Thread-safe.
 */
final class GuardLivenessCheck extends ProxyableCheck {
    private final Supplier<Optional<JwtGuard>> guard;

    GuardLivenessCheck(Supplier<Optional<JwtGuard>> guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public HealthCheckResponse call() {
        return new HealthCheckResponse(HealthChecks.LIVENESS, HealthCheckResponse.Status.UP,
                Optional.of(Map.of("active", guard.get().isPresent())));
    }
}

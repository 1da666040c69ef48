package io.jwtguard.runtime.health;

import io.jwtguard.core.keys.JwksKeySource;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeySourceStatus;
import io.jwtguard.core.keys.OidcDiscoveryKeySource;
import io.jwtguard.core.verify.TrustedIssuer;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.guard.JwtGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness of one issuer's keys: the primary issuer's ({@code mp.jwt.verify.*},
 * {@code jwtguard.discovery}; check {@value HealthChecks#KEYS}) or a trusted issuer's
 * ({@code jwtguard.issuers.<name>}; check {@value HealthChecks#KEYS}{@code -<name>}).
 *
 * <p>Up while every key source of the issuer serves keys: {@code FRESH}, {@code STALE} (the last
 * good set, within {@code jwtguard.jwks.stale-if-error}) or fixed keys; down when one is
 * {@code NOT_LOADED} or {@code UNAVAILABLE} (requests that need its keys get 503). The data names
 * the worst state, the number of keys served, the age of the oldest key set in seconds, the kind
 * of source ({@code jwks}, {@code discovery}, {@code static}, {@code custom}) and where the keys come
 * from, redacted (no query, no user-info).
 *
 * <p>Reads the sources' snapshots only: never fetches in the caller's thread. A source that
 * lacks keys or is due for a refresh is asked to refresh on its own background thread
 * ({@link KeySource#requestRefresh()}), so that an application without traffic (because it is
 * not ready) becomes ready when its issuer answers again. Thread-safe.
 */
final class KeySourcesCheck extends ProxyableCheck {
    private final String name;
    /** Null for the primary issuer. */
    private final String issuerName;
    private final Supplier<Optional<JwtGuard>> guard;

    KeySourcesCheck(String name, String issuerName, Supplier<Optional<JwtGuard>> guard) {
        this.name = Objects.requireNonNull(name, "name");
        this.issuerName = issuerName;
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** @return whether requests can be verified with a source in {@code state} */
    static boolean isUp(KeySourceStatus.State state) {
        return switch (state) {
            case FRESH, STALE -> true;
            case NOT_LOADED, UNAVAILABLE -> false;
        };
    }

    /** @return how bad a state is, for choosing the one to report: higher is worse */
    private static int severity(KeySourceStatus.State state) {
        return switch (state) {
            case FRESH -> 0;
            case STALE -> 1;
            case NOT_LOADED -> 2;
            case UNAVAILABLE -> 3;
        };
    }

    @Override
    public HealthCheckResponse call() {
        Optional<JwtGuard> current = guard.get();
        if (current.isEmpty()) {
            return response(true, Map.of("active", false));
        }
        VerifierConfig verifier = current.get().configuration().verifier();
        List<KeySource> sources = issuerName == null ? verifier.keySources()
                : verifier.trustedIssuers().stream().filter(i -> i.name().equals(issuerName)).findFirst()
                        .map(TrustedIssuer::keySources).orElse(List.of());
        return evaluate(sources);
    }

    /** The check's answer for these sources; asks the ones that need it to refresh in the background. */
    HealthCheckResponse evaluate(List<KeySource> sources) {
        KeySourceStatus.State worst = null;
        boolean fixed = false;
        long keys = 0;
        Long ageSeconds = null;
        Set<String> kinds = new LinkedHashSet<>();
        List<String> locations = new ArrayList<>();
        for (KeySource source : sources) {
            kinds.add(kind(source));
            Optional<KeySourceStatus> status = source.status();
            if (status.isEmpty()) {
                fixed = true;
                keys += source.fixedKeys().map(List::size).orElse(0);
                continue;
            }
            KeySourceStatus s = status.get();
            if (s.state() != KeySourceStatus.State.FRESH) {
                source.requestRefresh();
            }
            locations.add(s.source());
            keys += s.keyCount();
            if (worst == null || severity(s.state()) > severity(worst)) {
                worst = s.state();
            }
            if (s.keySetAge().isPresent()) {
                long age = s.keySetAge().get().toSeconds();
                ageSeconds = ageSeconds == null ? age : Math.max(ageSeconds, age);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", worst != null ? worst.name() : fixed ? "STATIC" : "NONE");
        data.put("keys", keys);
        if (ageSeconds != null) {
            data.put("age-seconds", ageSeconds);
        }
        data.put("kind", String.join(",", kinds));
        if (!locations.isEmpty()) {
            data.put("source", String.join(", ", locations));
        }
        return response(worst == null || isUp(worst), data);
    }

    private static String kind(KeySource source) {
        if (source instanceof JwksKeySource) {
            return "jwks";
        }
        if (source instanceof OidcDiscoveryKeySource) {
            return "discovery";
        }
        return source.status().isEmpty() && source.fixedKeys().isPresent() ? "static" : "custom";
    }

    private HealthCheckResponse response(boolean up, Map<String, Object> data) {
        return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }
}

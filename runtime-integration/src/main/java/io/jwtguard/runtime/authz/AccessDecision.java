package io.jwtguard.runtime.authz;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.http.RequestRefusal;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request may call a resource, and if not, the response: a value with the HTTP
 * status and, where RFC 6750 calls for one, the bearer challenge. Immutable.
 */
public final class AccessDecision {
    /** The kinds of decision. */
    public enum Kind {
        /** Allowed. */
        PERMIT(200),
        /** No token, but the resource needs one: 401 without {@code error}. */
        UNAUTHENTICATED(401),
        /** {@code @DenyAll}: 403 without challenge. */
        DENIED(403),
        /** The token's groups hold none of the allowed roles: 403 {@code insufficient_scope}. */
        MISSING_ROLE(403),
        /** The token is older than the resource's {@code @MaxTokenAge}: 401 {@code invalid_token}. */
        STALE(401),
        /** A required scope is not granted: 403 {@code insufficient_scope} with {@code scope}. */
        MISSING_SCOPE(403),
        /** A required claim value is absent: 403 {@code insufficient_scope}. */
        MISSING_CLAIM_VALUE(403),
        /**
         * {@code @RequireDPoP} and a bearer token: 401 {@code invalid_token} with a {@code DPoP}
         * challenge. 401, not 403: the caller can succeed by authenticating differently (a bound token
         * and its proof, RFC 9449 section 7.1), which is what 401 and its challenge say.
         */
        DPOP_REQUIRED(401);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** @return the HTTP status of a response for this decision */
        public int status() {
            return status;
        }
    }

    private static final AccessDecision PERMIT = new AccessDecision(Kind.PERMIT, Set.of());

    private final Kind kind;
    private final Set<String> scopes;

    private AccessDecision(Kind kind, Set<String> scopes) {
        this.kind = kind;
        this.scopes = scopes;
    }

    /**
     * Decides.
     *
     * @param token the request's verified token, empty for an anonymous request
     * @param requirements what the resource requires, not null
     * @param clock the time source for {@link ResourceRequirements#maxTokenAge()}, not null
     * @return the decision, never null
     */
    public static AccessDecision decide(Optional<VerifiedToken> token, ResourceRequirements requirements,
            Clock clock) {
        return decide(token, false, requirements, clock);
    }

    /**
     * Decides, knowing whether the token came with a valid DPoP proof.
     *
     * @param token the request's verified token, empty for an anonymous request
     * @param dpop whether the token was presented with the DPoP scheme and its proof was verified
     * @param requirements what the resource requires, not null
     * @param clock the time source for {@link ResourceRequirements#maxTokenAge()}, not null
     * @return the decision, never null
     */
    public static AccessDecision decide(Optional<VerifiedToken> token, boolean dpop,
            ResourceRequirements requirements, Clock clock) {
        Objects.requireNonNull(requirements, "requirements");
        if (requirements.denyAll()) {
            return new AccessDecision(Kind.DENIED, Set.of());
        }
        if (!requirements.authenticationRequired()) {
            return PERMIT;
        }
        if (token.isEmpty()) {
            return new AccessDecision(Kind.UNAUTHENTICATED, Set.of());
        }
        VerifiedToken t = token.get();
        if (requirements.dpopRequired() && !dpop) {
            return new AccessDecision(Kind.DPOP_REQUIRED, Set.of());
        }
        if (requirements.roleRestricted() && !hasRole(t, requirements.rolesAllowed())) {
            return new AccessDecision(Kind.MISSING_ROLE, Set.of());
        }
        if (requirements.maxTokenAge().isPresent() && isStale(t, requirements.maxTokenAge().get(), clock)) {
            return new AccessDecision(Kind.STALE, Set.of());
        }
        if (!requirements.scopes().isEmpty() && !grantedScopes(t).containsAll(requirements.scopes())) {
            return new AccessDecision(Kind.MISSING_SCOPE, requirements.scopes());
        }
        for (var claim : requirements.claims().entrySet()) {
            for (String value : claim.getValue()) {
                if (!hasClaimValue(t, claim.getKey(), value)) {
                    return new AccessDecision(Kind.MISSING_CLAIM_VALUE, Set.of());
                }
            }
        }
        return PERMIT;
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return whether the request may proceed */
    public boolean permitted() {
        return kind == Kind.PERMIT;
    }

    /** @return the rejection reason to report for this decision, empty when none of the core reasons applies */
    public Optional<RequestRefusal> reason() {
        switch (kind) {
            case STALE:
                return Optional.of(RequestRefusal.STALE_FOR_RESOURCE);
            case MISSING_SCOPE:
                return Optional.of(RequestRefusal.INSUFFICIENT_SCOPE);
            case MISSING_ROLE:
                return Optional.of(RequestRefusal.MISSING_ROLE);
            case MISSING_CLAIM_VALUE:
                return Optional.of(RequestRefusal.CLAIM_VALUE_MISMATCH);
            case DPOP_REQUIRED:
                return Optional.of(RequestRefusal.DPOP_REQUIRED_FOR_RESOURCE);
            default:
                return Optional.empty();
        }
    }

    /**
     * @param realm the challenge realm
     * @return the {@code WWW-Authenticate} challenge of a refusal; empty for {@link Kind#PERMIT}
     *     and {@link Kind#DENIED}
     */
    public Optional<BearerChallenge> challenge(String realm) {
        return challenge(realm, io.jwtguard.core.dpop.DPoPSettings.DEFAULT.algorithmNames(),
                BearerChallenge.noToken(realm));
    }

    /**
     * @param realm the challenge realm
     * @param dpopAlgorithms the accepted DPoP proof algorithms, space-separated, for a {@code DPoP} challenge
     * @param noToken the application's challenge for a request without a token (it follows the DPoP
     *     mode: {@code JwtGuard.noTokenChallenge()}), answered for {@link Kind#UNAUTHENTICATED}
     * @return the {@code WWW-Authenticate} challenge of a refusal; empty for {@link Kind#PERMIT}
     *     and {@link Kind#DENIED}
     */
    public Optional<BearerChallenge> challenge(String realm, String dpopAlgorithms, BearerChallenge noToken) {
        switch (kind) {
            case DPOP_REQUIRED:
                return Optional.of(BearerChallenge.dpop(realm, RequestRefusal.DPOP_REQUIRED_FOR_RESOURCE,
                        dpopAlgorithms));
            case UNAUTHENTICATED:
                return Optional.of(noToken);
            case MISSING_ROLE:
                return Optional.of(BearerChallenge.rejected(realm, RequestRefusal.MISSING_ROLE));
            case STALE:
                return Optional.of(BearerChallenge.rejected(realm, RequestRefusal.STALE_FOR_RESOURCE));
            case MISSING_SCOPE:
                return Optional.of(BearerChallenge.rejected(realm, RequestRefusal.INSUFFICIENT_SCOPE, scopes));
            case MISSING_CLAIM_VALUE:
                return Optional.of(BearerChallenge.rejected(realm, RequestRefusal.CLAIM_VALUE_MISMATCH));
            default:
                return Optional.empty();
        }
    }

    static boolean hasRole(VerifiedToken token, Set<String> roles) {
        if (roles.contains("**")) {
            return true;
        }
        for (String role : roles) {
            if (token.getGroups().contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Freshness is measured from {@code auth_time} (when the user authenticated) when the token
     * has one, else from {@code iat}: a refreshed token keeps its login's {@code auth_time}, so
     * refreshing cannot satisfy a step-up requirement. A token with neither is stale.
     */
    static boolean isStale(VerifiedToken token, Duration maxAge, Clock clock) {
        Optional<Instant> since = authTime(token).or(token::issuedAt);
        if (since.isEmpty()) {
            return true;
        }
        return Duration.between(since.get(), clock.instant()).compareTo(maxAge) > 0;
    }

    private static Optional<Instant> authTime(VerifiedToken token) {
        JsonValue value = token.claims().get("auth_time");
        if (value instanceof JsonNumber && ((JsonNumber) value).isIntegral()) {
            long seconds = ((JsonNumber) value).longValue();
            if (seconds >= 0) {
                return Optional.of(Instant.ofEpochSecond(seconds));
            }
        }
        return Optional.empty();
    }

    static Set<String> grantedScopes(VerifiedToken token) {
        Set<String> granted = new HashSet<>();
        for (String claim : new String[] {"scope", "scp"}) {
            JsonValue value = token.claims().get(claim);
            if (value instanceof JsonString) {
                granted.addAll(Arrays.asList(((JsonString) value).getString().trim().split(" +")));
            } else if (value instanceof JsonArray) {
                for (JsonValue v : (JsonArray) value) {
                    if (v instanceof JsonString) {
                        granted.add(((JsonString) v).getString());
                    }
                }
            }
        }
        granted.remove("");
        return granted;
    }

    static boolean hasClaimValue(VerifiedToken token, String name, String required) {
        if (name.equals("groups")) {
            return token.getGroups().contains(required);
        }
        JsonValue value = token.claims().get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof JsonString) {
            return ((JsonString) value).getString().equals(required);
        }
        if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString().equals(required);
        }
        if (value instanceof JsonArray) {
            for (JsonValue v : (JsonArray) value) {
                if (v instanceof JsonString && ((JsonString) v).getString().equals(required)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AccessDecision[" + kind + (scopes.isEmpty() ? "" : ", scopes=" + scopes) + "]";
    }
}

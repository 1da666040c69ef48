package io.jwtguard.runtime.jaxrs;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.authz.AccessDecision;
import io.jwtguard.runtime.authz.ResourceRequirements;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Objects;
import java.util.Optional;

/**
 * Enforces one resource method's {@link ResourceRequirements} after authentication: 401 without
 * {@code error} when a token is needed and none was sent, 403 for {@code @DenyAll} or a missing
 * role, 401 {@code invalid_token} for a token older than {@code @MaxTokenAge}, 403
 * {@code insufficient_scope} for a missing scope (with {@code scope}) or claim value.
 * Registered per resource method by {@link JwtGuardFeature} at {@code Priorities.AUTHORIZATION}.
 * Immutable and thread-safe.
 */
final class AuthorizationFilter implements ContainerRequestFilter {
    private final JwtGuard guard;
    private final ResourceRequirements requirements;

    AuthorizationFilter(JwtGuard guard, ResourceRequirements requirements) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.requirements = Objects.requireNonNull(requirements, "requirements");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AuthenticationOutcome outcome = guard.authenticator().authenticate(new ContainerRequestView(request));
        Optional<VerifiedToken> token = outcome instanceof AuthenticationOutcome.Authenticated authenticated
                ? Optional.of(authenticated.token()) : Optional.empty();
        AccessDecision decision = AccessDecision.decide(token, requirements, guard.clock());
        if (decision.permitted()) {
            return;
        }
        decision.reason().ifPresent(reason -> guard.authenticator().report(reason, token.orElse(null)));
        request.abortWith(decision.challenge(guard.settings().realm()).map(Refusals::of)
                .orElseGet(Refusals::forbidden));
    }

}

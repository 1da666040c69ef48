package io.jwtguard.runtime.jaxrs;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.authz.AccessDecision;
import io.jwtguard.runtime.authz.LocatorRequirements;
import io.jwtguard.runtime.authz.ResourceRequirements;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Enforces one resource method's {@link ResourceRequirements} after authentication: 401 without
 * {@code error} when a token is needed and none was sent, 403 for {@code @DenyAll} or a missing
 * role, 401 {@code invalid_token} for a token older than {@code @MaxTokenAge}, 403
 * {@code insufficient_scope} for a missing scope (with {@code scope}) or claim value.
 * When the request reached the method through sub-resource locators, the locators' requirements
 * are enforced first ({@link LocatorRequirements}). Registered on every resource method by
 * {@link JwtGuardFeature} just before {@code Priorities.AUTHORIZATION}.
 * Immutable and thread-safe.
 */
final class AuthorizationFilter implements ContainerRequestFilter {
    /** Request property set once this filter has run for the request ({@link LocatorRouteFilter} then stays out). */
    static final String DONE = "io.jwtguard.runtime.jaxrs.authorized";

    private final JwtGuard guard;
    private final ResourceRequirements requirements;

    AuthorizationFilter(JwtGuard guard, ResourceRequirements requirements) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.requirements = Objects.requireNonNull(requirements, "requirements");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(DONE, Boolean.TRUE);
        List<Object> matchedResources = request.getUriInfo().getMatchedResources();
        List<ResourceRequirements> locators = matchedResources.size() <= 1 ? List.of()
                : LocatorRequirements.along(matchedResources, request.getUriInfo().getMatchedURIs());
        if (!requirements.any() && locators.isEmpty()) {
            return;
        }
        AuthenticationOutcome outcome = guard.authenticator().authenticate(new ContainerRequestView(request));
        Optional<VerifiedToken> token = outcome instanceof AuthenticationOutcome.Authenticated authenticated
                ? Optional.of(authenticated.token()) : Optional.empty();
        boolean dpop = outcome instanceof AuthenticationOutcome.Authenticated authenticated && authenticated.dpop();
        for (ResourceRequirements locator : locators) {
            if (refused(request, token, dpop, locator)) {
                return;
            }
        }
        refused(request, token, dpop, requirements);
    }

    private boolean refused(ContainerRequestContext request, Optional<VerifiedToken> token, boolean dpop,
            ResourceRequirements gate) {
        AccessDecision decision = AccessDecision.decide(token, dpop, gate, guard.clock());
        if (decision.permitted()) {
            return false;
        }
        decision.reason().ifPresent(reason -> guard.authenticator().report(reason, token.orElse(null)));
        request.abortWith(decision.challenge(guard.settings().realm(), guard.authenticator().dpopAlgorithms(),
                        guard.noTokenChallenge())
                .map(challenge -> Refusals.of(challenge, guard.refusalBodies()))
                .orElseGet(() -> Refusals.forbidden(guard.refusalBodies())));
        return true;
    }

}

package io.jwtguard.runtime.cdi;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.http.RequestAuthenticator;
import io.jwtguard.runtime.servlet.ServletRequestView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The current request's verified token, request-scoped. It reads the outcome that the servlet
 * filter or the JAX-RS filter already found for this request; if none did (for example a servlet
 * outside the filter's patterns), it authenticates the request itself, once. A refused request
 * never reaches application code, so a refusal reads as "no token" here.
 *
 * <p>Public and not final only because CDI proxies it; applications inject
 * {@code JsonWebToken} or {@code @Claim} values instead.
 */
@RequestScoped
public class CurrentToken {
    @Inject
    Instance<HttpServletRequest> request;

    private Optional<VerifiedToken> token;

    /** @return the current request's verified token, empty when it carried none */
    public Optional<VerifiedToken> token() {
        if (token == null) {
            token = find();
        }
        return token;
    }

    private Optional<VerifiedToken> find() {
        if (request == null || !request.isResolvable()) {
            return Optional.empty();
        }
        HttpServletRequest http = request.get();
        ServletRequestView view = new ServletRequestView(http);
        Optional<AuthenticationOutcome> outcome = RequestAuthenticator.known(view);
        if (outcome.isEmpty()) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            outcome = loader == null ? Optional.empty()
                    : JwtGuards.find(loader).map(guard -> guard.authenticator().authenticate(view));
        }
        return outcome.filter(AuthenticationOutcome.Authenticated.class::isInstance)
                .map(o -> ((AuthenticationOutcome.Authenticated) o).token());
    }
}

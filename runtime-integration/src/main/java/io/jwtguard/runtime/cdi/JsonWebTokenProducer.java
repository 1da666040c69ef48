package io.jwtguard.runtime.cdi;

import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.observe.RejectionCounters;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Produces the request-scoped {@link JsonWebToken} (the verified token, or
 * {@link EmptyJsonWebToken} when the request carried none: never null), and the application's
 * {@link RejectionCounters}. Beans that live longer than a request get a proxy that always
 * reads the current request.
 */
@Dependent
public class JsonWebTokenProducer {
    /**
     * @param current the current request's token
     * @return the current token, never null
     */
    @Produces
    @RequestScoped
    @Typed(JsonWebToken.class)
    JsonWebToken jsonWebToken(CurrentToken current) {
        return current.token().map(t -> (JsonWebToken) t).orElse(EmptyJsonWebToken.INSTANCE);
    }

    /** @return the application's per-reason rejection counters (zeros before the guard exists) */
    @Produces
    @Dependent
    RejectionCounters rejectionCounters() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader == null ? new RejectionCounters()
                : JwtGuards.find(loader).map(g -> g.counters()).orElseGet(RejectionCounters::new);
    }
}

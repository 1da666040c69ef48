package io.jwtguard.examples.orders.web;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps smallrye-jwt's own CDI beans (package {@code io.smallrye.jwt}, in the WAR because
 * jwtguard-core uses smallrye-jwt for key parsing) out of the application. Open Liberty discovers
 * them in {@code WEB-INF/lib}, and smallrye-jwt's {@code PrincipalProducer} then wins
 * {@code @Inject JsonWebToken} over JWT Guard's producer, so resources saw an empty token. JWT
 * Guard's runtime should veto these types itself; until it does, this extension does.
 */
public class SmallRyeJwtBeansVeto implements Extension {
    private static final String SMALLRYE_JWT = "io.smallrye.jwt.";

    void veto(@Observes ProcessAnnotatedType<?> event) {
        if (event.getAnnotatedType().getJavaClass().getName().startsWith(SMALLRYE_JWT)) {
            event.veto();
        }
    }
}

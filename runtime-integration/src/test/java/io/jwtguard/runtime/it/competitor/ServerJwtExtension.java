package io.jwtguard.runtime.it.competitor;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Stands in for a server's own MicroProfile JWT CDI extension (Payara's {@code JwtAuthCdiExtension}
 * does the same when it sees {@code @LoginConfig(authMethod = "MP-JWT")}): synthetic beans for
 * {@code JsonWebToken} and {@code @Claim String}, with values JWT Guard never produces.
 */
public class ServerJwtExtension implements Extension {
    /** The name of the server's token: a response showing it means the server's bean won. */
    public static final String SERVER_NAME = "server-token";

    void addServerBeans(@Observes AfterBeanDiscovery event) {
        event.addBean().beanClass(JsonWebToken.class).types(JsonWebToken.class, Object.class)
                .qualifiers(jakarta.enterprise.inject.Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(RequestScoped.class).createWith(context -> new ServerToken());
        event.addBean().beanClass(ServerJwtExtension.class).types(String.class, Object.class)
                .qualifiers(new ClaimLiteral(), Any.Literal.INSTANCE)
                .scope(Dependent.class).createWith(context -> "server-claim");
    }

    /** The server's token: not a JWT Guard token. */
    public static class ServerToken implements JsonWebToken {
        @Override
        public String getName() {
            return SERVER_NAME;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return null;
        }
    }

    @SuppressWarnings("all")
    private static final class ClaimLiteral extends AnnotationLiteral<Claim> implements Claim {
        private static final long serialVersionUID = 1L;

        @Override
        public String value() {
            return "";
        }

        @Override
        public Claims standard() {
            return Claims.UNKNOWN;
        }
    }
}

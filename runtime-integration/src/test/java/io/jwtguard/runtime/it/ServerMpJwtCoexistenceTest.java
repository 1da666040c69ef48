package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.competitor.CompetitorApp;
import io.jwtguard.runtime.it.competitor.ServerJwtExtension;
import io.jwtguard.runtime.it.competitor.WhoAmIResource;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import jakarta.enterprise.inject.spi.Extension;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server's own MicroProfile JWT extension adds {@code JsonWebToken} and {@code @Claim} beans next
 * to JWT Guard's (as Payara's does): the application still deploys (no ambiguous dependency) and
 * every injection resolves to JWT Guard's beans, which are priority alternatives.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerMpJwtCoexistenceTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("competitor", Deployments.baseConfig(),
                        CompetitorApp.class, WhoAmIResource.class, ServerJwtExtension.class,
                        ServerJwtExtension.ServerToken.class)
                .addAsServiceProvider(Extension.class, ServerJwtExtension.class);
    }

    @Test
    void injectionWhenServerAddsItsOwnJwtBeansThenJwtGuardsBeansWin() {
        Http.Reply reply = Http.get(base, "api/whoami").bearer(TestTokens.token().groups("user").sign()).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("jwt=jdoe@example.com|upn=jdoe@example.com");
    }
}

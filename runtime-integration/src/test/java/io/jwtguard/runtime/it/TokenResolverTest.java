package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.resolver.ApiTokenResolver;
import io.jwtguard.runtime.it.resolver.ResolverApp;
import io.jwtguard.runtime.it.resolver.ResolverResource;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token transport is pluggable ({@code jwtguard.token.resolver}); one that cannot be used fails
 * deployment ({@link DeploymentFailureTest}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenResolverTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive resolver() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.token.resolver", ApiTokenResolver.class.getName());
        return Deployments.war("resolver", config, ResolverApp.class, ResolverResource.class, ApiTokenResolver.class);
    }

    @Test
    void customResolverReadsItsHeaderAndTheRestOfThePipelineIsUnchanged() {
        String token = TestTokens.withGroups("user");
        assertThat(Http.get(base, "api/whoami").header("X-Api-Token", token).send().body())
                .isEqualTo("jdoe@example.com");
        // Authorization: Bearer is not this application's transport
        assertThat(Http.get(base, "api/whoami").bearer(token).send().challenge()).isEqualTo("Bearer realm=\"orders\"");
        Http.Reply two = Http.get(base, "api/whoami").header("X-Api-Token", token).header("X-Api-Token", token).send();
        assertThat(two.status()).isEqualTo(400);
        Http.Reply forged = Http.get(base, "api/whoami").header("X-Api-Token",
                TestTokens.token().groups("user").signedBy(TestTokens.ATTACKER.getPrivate()).sign()).send();
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.challenge()).contains("error=\"invalid_token\"");
    }
}

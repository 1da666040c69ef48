package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.dpop.DPoPApp;
import io.jwtguard.runtime.testing.DPoPProofs;
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

/** {@code jwtguard.dpop.mode=required} over real HTTP, behind a (configured) external base URL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPRequiredTest {
    private static final String EXTERNAL = "https://api.example.com/prefix";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive dpopRequired() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.dpop.mode", "required");
        config.put("jwtguard.dpop.algorithms", "ES256");
        config.put("jwtguard.dpop.external-base-url", EXTERNAL);
        return Deployments.war("dpop-required", config).addPackage(DPoPApp.class.getPackage());
    }

    @Test
    void bearerWhenModeRequiredThen401WithDpopChallenge() {
        Http.Reply reply = Http.get(base, "api/account").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("DPoP realm=\"orders\", algs=\"ES256\", error=\"invalid_token\", "
                + "error_description=\"This resource requires a DPoP-bound token\"");
    }

    @Test
    void noTokenWhenModeRequiredThen401WithDpopChallengeOnly() {
        Http.Reply reply = Http.get(base, "api/account").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("DPoP realm=\"orders\", algs=\"ES256\"");
    }

    @Test
    void dpopWhenHtuIsTheExternalUrlThen200AndWhenTheInternalOneThen401() {
        DPoPProofs client = DPoPProofs.newClient();
        String token = TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();
        String path = base.getPath() + "api/account"; // the context path and the resource, as the proxy forwards them
        Http.Reply external = Http.get(base, "api/account").header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", EXTERNAL + path, token)).send();
        assertThat(external.status()).isEqualTo(200);
        Http.Reply internal = Http.get(base, "api/account").header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", base + "api/account", token)).send();
        assertThat(internal.status()).isEqualTo(401);
        assertThat(internal.challenge()).contains("The DPoP proof is for another URI");
    }
}

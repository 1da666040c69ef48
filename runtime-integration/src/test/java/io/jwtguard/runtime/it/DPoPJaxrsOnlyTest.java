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

/**
 * DPoP with the servlet filter off: the JAX-RS filters authenticate, and the proof's {@code htm} and
 * {@code htu} are checked against the JAX-RS request ({@code UriInfo.getRequestUri()}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPJaxrsOnlyTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive dpopJaxrs() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.dpop.mode", "allowed");
        config.put("jwtguard.servlet-filter.enabled", "false");
        return Deployments.war("dpop-jaxrs", config).addPackage(DPoPApp.class.getPackage());
    }

    @Test
    void dpopWhenProofMatchesThen200AndWhenReplayedOrForAnotherPathThen401() {
        DPoPProofs client = DPoPProofs.newClient();
        String token = TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();
        String proof = client.proof("POST", base + "api/account/transfer", token);
        Http.Reply ok = Http.post(base, "api/account/transfer").header("Authorization", "DPoP " + token)
                .header("DPoP", proof).send();
        assertThat(ok.status()).isEqualTo(200);
        Http.Reply replay = Http.post(base, "api/account/transfer").header("Authorization", "DPoP " + token)
                .header("DPoP", proof).send();
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.challenge()).contains("error=\"invalid_dpop_proof\"").contains("already used");
        Http.Reply otherPath = Http.get(base, "api/account").header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", base + "api/account/transfer", token)).send();
        assertThat(otherPath.status()).isEqualTo(401);
        assertThat(otherPath.challenge()).contains("The DPoP proof is for another URI");
    }
}

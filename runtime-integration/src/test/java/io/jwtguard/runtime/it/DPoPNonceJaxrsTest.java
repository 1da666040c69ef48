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
 * Server nonces ({@code jwtguard.dpop.nonce=required}, RFC 9449 section 9) with the servlet filter off:
 * the JAX-RS filters answer {@code use_dpop_nonce} with a {@code DPoP-Nonce} header.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPNonceJaxrsTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive dpopNonceJaxrs() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.dpop.mode", "allowed");
        config.put("jwtguard.dpop.nonce", "required");
        config.put("jwtguard.servlet-filter.enabled", "false");
        return Deployments.war("dpop-nonce-jaxrs", config).addPackage(DPoPApp.class.getPackage());
    }

    @Test
    void dpopWhenProofWithoutNonceThen401UseDpopNonceWithNonceAndWithItThen200() {
        DPoPProofs client = DPoPProofs.newClient();
        String token = TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();

        Http.Reply refused = Http.get(base, "api/account").header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", base + "api/account", token)).send();

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challenge()).startsWith("DPoP ").contains("error=\"use_dpop_nonce\"");
        String nonce = refused.header("DPoP-Nonce").orElseThrow();
        Http.Reply ok = Http.get(base, "api/account").header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", base + "api/account", token, nonce)).send();
        assertThat(ok.status()).isEqualTo(200);
        // a made-up nonce is refused the same way
        Http.Reply madeUp = Http.get(base, "api/account").header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", base + "api/account", token, "AAAAAAAAAAAAAAAAAAAAAA")).send();
        assertThat(madeUp.status()).isEqualTo(401);
        assertThat(madeUp.challenge()).contains("error=\"use_dpop_nonce\"");
    }
}

package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.rules.RulesApp;
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
 * Application claim rules in a CDI application, over HTTP: a CDI rule bean with state, a bean
 * limited to the primary issuer, and a rule from configuration. A rule's refusal goes through the
 * same path as a built-in one: 401 with the {@code invalid_token} challenge, a {@code TokenRejected}
 * event with the rule code, the counters, and the verified-token cache (the rules run again on a
 * cache hit; a refused token is never cached).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimRulesTest {
    private static final String REFUSED = "Bearer realm=\"orders\", error=\"invalid_token\", "
            + "error_description=\"The token does not satisfy a rule of this application\"";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive rules() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.claim-rules", "azp");
        config.put("jwtguard.claim-rules.azp.claim", "azp");
        config.put("jwtguard.claim-rules.azp.one-of", "orders-ui,orders-cli");
        return Deployments.war("rules", config).addPackage(RulesApp.class.getPackage());
    }

    private static String token(String tid, String azp) {
        TestTokens token = TestTokens.token().groups("user");
        if (tid != null) {
            token.claim("tid", TestTokens.quote(tid));
        }
        if (azp != null) {
            token.claim("azp", TestTokens.quote(azp));
        }
        return token.sign();
    }

    @Test
    void ruleRefusalsTakeTheBuiltInPathAndRulesRunAgainOnCacheHits() {
        String acme = token("acme", "orders-ui");
        assertThat(Http.get(base, "api/rules").bearer(acme).send().body()).isEqualTo("jdoe@example.com");
        assertThat(Http.get(base, "api/rules").bearer(acme).send().status()).isEqualTo(200); // a cache hit

        Http.Reply wrongTenant = Http.get(base, "api/rules").bearer(token("evil", "orders-ui")).send();
        assertThat(wrongTenant.status()).isEqualTo(401);
        assertThat(wrongTenant.challenge()).isEqualTo(REFUSED);
        assertThat(wrongTenant.body()).doesNotContain("tenant").doesNotContain("evil");

        Http.Reply wrongClient = Http.get(base, "api/rules").bearer(token("beta", "someone-else")).send();
        assertThat(wrongClient.status()).isEqualTo(401);
        assertThat(wrongClient.challenge()).isEqualTo(REFUSED);

        Http.Reply delegated = Http.get(base, "api/rules")
                .bearer(TestTokens.token().groups("user").claim("tid", "\"acme\"").claim("azp", "\"orders-ui\"")
                        .claim("act", "{\"sub\":\"svc\"}").sign()).send();
        assertThat(delegated.status()).isEqualTo(401);

        // the tenant is offboarded: its token, verified and cached before, is refused at once
        assertThat(Http.post(base, "api/rules/offboard/acme").send().status()).isEqualTo(200);
        assertThat(Http.get(base, "api/rules").bearer(acme).send().challenge()).isEqualTo(REFUSED);

        String stats = Http.get(base, "api/rules/stats").send().body();
        assertThat(stats).contains("event=CUSTOM_RULE|tenant\n", "event=CUSTOM_RULE|azp\n",
                "event=CUSTOM_RULE|no-delegation\n");
        assertThat(stats).containsOnlyOnce("event=CUSTOM_RULE|azp").containsOnlyOnce("|no-delegation");
        assertThat(stats).contains("counter.CUSTOM_RULE=4", "rules={azp=1, no-delegation=1, tenant=2}");
        assertThat(stats).contains("cached=1"); // only acme's token was ever accepted, and cached
    }
}

package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.guard.PropertyLookups;
import io.jwtguard.runtime.it.servlet.WhoAmIServlet;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plain servlet WAR (no CDI, no JAX-RS, no MicroProfile Config, as on Tomcat) configured by
 * environment variables, the way containers are: runs in its own surefire execution
 * ({@code servlet-environment} in this module's pom), whose forked JVM gets
 * {@code jwtguard_servlet_filter_enabled=true} (MicroProfile Config's second mapping rule),
 * {@code MP_JWT_VERIFY_ISSUER}, {@code MP_JWT_VERIFY_AUDIENCES}, {@code JWTGUARD_REALM} and
 * {@code JWTGUARD_SERVLET_FILTER_REQUIRED_PATTERNS} (the third). Only the key is in web.xml (it is
 * generated per test run), and web.xml also names a realm, which the environment overrides.
 * Disabled where those variables are not set (the default execution).
 */
@EnabledIfEnvironmentVariable(named = "JWTGUARD_REALM", matches = "from-env")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServletEnvironmentTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        String webXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"5.0\">\n"
                + "  <context-param><param-name>mp.jwt.verify.publickey</param-name><param-value>"
                + TestTokens.trustedPublicKey() + "</param-value></context-param>\n"
                + "  <context-param><param-name>jwtguard.realm</param-name><param-value>web-xml"
                + "</param-value></context-param>\n"
                + "</web-app>\n";
        return Deployments.plainServletWar("environment", WhoAmIServlet.class).setWebXML(new StringAsset(webXml));
    }

    @Test
    void environmentValueWhenRealEnvironmentThenFoundByMappedName() {
        assertThat(PropertyLookups.environmentValue(System.getenv(), "mp.jwt.verify.issuer"))
                .isEqualTo(TestTokens.ISSUER);
        assertThat(PropertyLookups.environmentValue(System.getenv(), "jwtguard.servlet-filter.enabled"))
                .isEqualTo("true");
    }

    @Test
    void requiredPatternFromEnvironmentWhenNoTokenThen401WithTheEnvironmentsRealm() {
        Http.Reply reply = Http.get(base, "members/whoami").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo("Bearer realm=\"from-env\"");
    }

    @Test
    void issuerAndAudienceFromEnvironmentWhenValidTokenThenServed() {
        Http.Reply reply = Http.get(base, "members/whoami").bearer(TestTokens.withGroups("user")).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("jdoe@example.com|jwt=true|user=true|admin=false|any=true");
    }

    @Test
    void freePathWhenNoTokenThenAnonymous() {
        assertThat(Http.get(base, "whoami").send().body()).isEqualTo("anonymous|cdi=false");
    }
}

package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.transport.TransportApp;
import io.jwtguard.runtime.it.transport.WhoAmIResource;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that does not see the MicroProfile Health API (hidden from its class loader, as on a
 * server without MicroProfile Health) deploys and verifies tokens as before: the extension adds no check
 * and loads nothing of {@code io.jwtguard.runtime.health}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WithoutHealthApiTest {
    @ArquillianResource
    URL base;

    private static final String HIDE_HEALTH_API = "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE Configure PUBLIC \"-//Jetty//Configure//EN\" \"https://eclipse.dev/jetty/configure_10_0.dtd\">\n"
            + "<Configure class=\"org.eclipse.jetty.ee9.webapp.WebAppContext\">\n"
            + "  <Set name=\"parentLoaderPriority\">false</Set>\n"
            + "  <Call name=\"addServerClassMatcher\"><Arg><New class=\"org.eclipse.jetty.ee9.webapp.ClassMatcher\">"
            + "<Arg><Array type=\"String\"><Item>org.eclipse.microprofile.health.</Item></Array></Arg>"
            + "</New></Arg></Call>\n"
            + "</Configure>\n";

    @Deployment(testable = false)
    static WebArchive withoutHealthApi() {
        WebArchive war = Deployments.war("nohealthapi", Deployments.baseConfig(), TransportApp.class,
                WhoAmIResource.class);
        war.delete("WEB-INF/jetty-web.xml");
        return war.addAsWebInfResource(new StringAsset(HIDE_HEALTH_API), "jetty-web.xml");
    }

    @Test
    void deployWhenHealthApiHiddenThenTokensVerifyAsBefore() {
        assertThat(Http.get(base, "api/whoami").bearer(TestTokens.withGroups("user")).send().status()).isEqualTo(200);
        assertThat(Http.get(base, "api/whoami").send().status()).isEqualTo(401);
    }
}

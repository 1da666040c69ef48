package io.jwtguard.tck.authz;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.authz.app.AuthzApp;
import io.jwtguard.tck.authz.constraint.GuardedResource;
import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.hostile.Jose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * A {@code web.xml} security constraint on Open Liberty, the server of the matrix with Jakarta
 * Security that does not provide MicroProfile JWT: the container enforces the constraint before any
 * filter, so it accepts a bearer token there only through JWT Guard's Jakarta Security mechanism.
 * With the default {@code container-login=auto} JWT Guard finds the constraint at deployment (it
 * reads {@code WEB-INF/web.xml} beside {@code WEB-INF/classes}) and registers the mechanism although
 * nothing observes the container's caller; with {@code container-login=protected} it registers it
 * anyway. Both ways the container admits a token in the constraint's role, refuses one without it,
 * and asks for a token without one. Without the mechanism the container would refuse the admin
 * token too. On Payara, TomEE and WildFly the server provides MicroProfile JWT and the mechanism is
 * always registered; the embedded container and Tomcat have no Jakarta Security: skipped there.
 */
@RunAsClient
public class ContainerConstraintTest extends Arquillian {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String WEB_XML = String.join("\n",
            "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">",
            "  <security-constraint>",
            "    <web-resource-collection>",
            "      <web-resource-name>guarded</web-resource-name>",
            "      <url-pattern>/api/guarded</url-pattern>",
            "    </web-resource-collection>",
            "    <auth-constraint><role-name>admin</role-name></auth-constraint>",
            "  </security-constraint>",
            "  <security-role><role-name>admin</role-name></security-role>",
            "</web-app>");

    @ArquillianResource
    Deployer deployer;

    private static WebArchive constrained(String name, String extraConfig) {
        return Wars.war(name, String.join("\n",
                "mp.jwt.verify.publickey=" + AuthorizationSemanticsTest.publicJwk(),
                "mp.jwt.verify.issuer=" + AuthorizationSemanticsTest.ISSUER,
                "mp.jwt.verify.audiences=" + AuthorizationSemanticsTest.AUDIENCE,
                extraConfig))
                .addClasses(AuthzApp.class, GuardedResource.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    @Deployment(name = "constraint-auto", managed = false, testable = false)
    public static WebArchive constraintWithTheDefault() {
        return constrained("constraint-auto", "");
    }

    @Deployment(name = "constraint-protected", managed = false, testable = false)
    public static WebArchive constraintWithContainerLoginProtected() {
        return constrained("constraint-protected", "jwtguard.security-mechanism.container-login=protected");
    }

    private static String container() {
        return System.getProperty("jwtguard.tck.container", "jetty");
    }

    @Test
    public void constraintWithTheDefaultThenTheMechanismIsRegisteredAndTheContainerAdmitsTheTokensOfItsRole() {
        admitsOnlyItsRole("constraint-auto");
    }

    @Test
    public void constraintWithContainerLoginProtectedThenTheContainerAdmitsTheTokensOfItsRole() {
        admitsOnlyItsRole("constraint-protected");
    }

    private void admitsOnlyItsRole(String deployment) {
        if (!container().equals("liberty")) {
            throw new SkipException("container role checks of a bearer login are measured on Open Liberty only");
        }
        deployer.deploy(deployment);
        try {
            String url = System.getProperty("mp.jwt.tck.jwks.baseURL", "http://localhost:19080/")
                    .replaceAll("/+$", "/") + deployment + "/api/guarded";
            long now = System.currentTimeMillis() / 1000;
            HttpResponse<String> admin = send(url, token("[\"user\",\"admin\"]", now));
            assertEquals(admin.statusCode(), 200, admin.body());
            assertEquals(admin.body(), "authz@example.com");
            assertEquals(send(url, token("[\"user\"]", now)).statusCode(), 403, "a token without the role");
            HttpResponse<String> none = send(url, null);
            assertEquals(none.statusCode(), 401, "no token");
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                    "the challenge asks for a bearer token: " + none.headers().map());
        } finally {
            deployer.undeploy(deployment);
        }
    }

    private static String token(String groups, long iat) {
        String claims = "{\"iss\":\"" + AuthorizationSemanticsTest.ISSUER + "\",\"aud\":\""
                + AuthorizationSemanticsTest.AUDIENCE + "\",\"sub\":\"sub-1\",\"upn\":\"authz@example.com\","
                + "\"groups\":" + groups + ",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + iat
                + ",\"exp\":" + (iat + 600) + "}";
        return Jose.jws("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, "RS256",
                AuthorizationSemanticsTest.KEY.getPrivate());
    }

    private static HttpResponse<String> send(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.jwtguard.tck.authz;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;

import io.jwtguard.tck.authz.app.AuthzApp;
import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.authz.conflict.ConflictingResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.testng.annotations.Test;

/**
 * {@code @PermitAll} with {@code @RolesAllowed} on one method used to resolve to "permit
 * everyone"; now the application does not deploy, in the embedded container and on Open Liberty;
 * on TomEE the WAR deploys without its JAX-RS application (the resource is not served).
 * The valid application of the same suite ({@link AuthorizationSemanticsTest}) is the control.
 */
@RunAsClient
public class ConflictingAnnotationsTest extends Arquillian {
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "conflict", managed = false, testable = false)
    public static WebArchive conflict() {
        return Wars.war("conflict", String.join("\n",
                "mp.jwt.verify.publickey=" + AuthorizationSemanticsTest.publicJwk(),
                "mp.jwt.verify.issuer=" + AuthorizationSemanticsTest.ISSUER,
                "mp.jwt.verify.audiences=" + AuthorizationSemanticsTest.AUDIENCE))
                .addClasses(AuthzApp.class, ConflictingResource.class);
    }

    @Test
    public void permitAllWithRolesAllowedOnOneMethodThenDeploymentFails() {
        if ("tomee".equals(System.getProperty("jwtguard.tck.container"))) {
            conflictOnTomee();
            return;
        }
        assertThrows(Exception.class, () -> deployer.deploy("conflict"));
    }

    /**
     * TomEE deploys the WAR all the same: its JAX-RS integration ({@code TomeeJaxRsService}) logs
     * the error JWT Guard raised while CXF built the application (SEVERE, with JWT Guard's message
     * naming the method) and leaves the WAR without a JAX-RS application, so the resource is not
     * served at all (docs/servers.md, TomEE, known limits).
     */
    private void conflictOnTomee() {
        deployer.deploy("conflict");
        try {
            String base = System.getProperty("mp.jwt.tck.jwks.baseURL");
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "conflict/api/conflict"))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            assertEquals(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode(),
                    404, "the conflicting resource must not be served");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deployer.undeploy("conflict");
        }
    }
}

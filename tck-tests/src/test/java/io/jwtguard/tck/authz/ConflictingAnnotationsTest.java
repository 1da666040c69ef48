package io.jwtguard.tck.authz;

import static org.testng.Assert.assertThrows;

import io.jwtguard.tck.authz.app.AuthzApp;
import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.authz.conflict.ConflictingResource;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.testng.annotations.Test;

/**
 * {@code @PermitAll} with {@code @RolesAllowed} on one method used to resolve to "permit
 * everyone"; now the application does not deploy, in the embedded container and on Open Liberty.
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
        assertThrows(Exception.class, () -> deployer.deploy("conflict"));
    }
}

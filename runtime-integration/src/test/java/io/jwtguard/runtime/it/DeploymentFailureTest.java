package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.runtime.it.broken.BrokenApp;
import io.jwtguard.runtime.it.stale.StaleClaimBean;
import io.jwtguard.runtime.testing.Deployments;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed @Claim injection points and unusable configuration fail deployment (conflicting
 * security annotations: tck-tests {@code ConflictingAnnotationsTest}, embedded and on Liberty).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentFailureTest {
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "nameless", managed = false, testable = false)
    static WebArchive nameless() {
        return Deployments.war("nameless", Deployments.baseConfig()).addPackage(BrokenApp.class.getPackage());
    }

    @Deployment(name = "stale", managed = false, testable = false)
    static WebArchive stale() {
        return Deployments.war("stale", Deployments.baseConfig()).addClasses(BrokenApp.class, StaleClaimBean.class);
    }

    @Deployment(name = "noissuer", managed = false, testable = false)
    static WebArchive noIssuer() {
        Map<String, String> config = Deployments.baseConfig();
        config.remove("mp.jwt.verify.issuer"); // hardened: NO_ISSUER is an error unless acknowledged
        return Deployments.war("noissuer", config, BrokenApp.class);
    }

    @Test
    void claimWithoutNameThenDeploymentFails() {
        assertThatThrownBy(() -> deployer.deploy("nameless")).isInstanceOf(Exception.class);
    }

    @Test
    void rawClaimInApplicationScopedBeanThenDeploymentFails() {
        assertThatThrownBy(() -> deployer.deploy("stale")).isInstanceOf(Exception.class);
    }

    @Test
    void configurationWithoutIssuerThenDeploymentFails() {
        assertThatThrownBy(() -> deployer.deploy("noissuer")).isInstanceOf(Exception.class);
    }
}

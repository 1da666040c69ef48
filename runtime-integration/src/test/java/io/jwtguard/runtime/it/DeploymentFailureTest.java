package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.runtime.it.broken.BrokenApp;
import io.jwtguard.runtime.it.stale.StaleClaimBean;
import io.jwtguard.runtime.it.resolver.ResolverApp;
import io.jwtguard.runtime.it.resolver.ResolverResource;
import io.jwtguard.runtime.it.rules.PrimaryOnlyRule;
import io.jwtguard.runtime.testing.Deployments;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

    @Deployment(name = "noresolver", managed = false, testable = false)
    static WebArchive missingResolver() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.token.resolver", "com.example.NoSuchResolver");
        return Deployments.war("noresolver", config, ResolverApp.class, ResolverResource.class);
    }

    @Deployment(name = "badhealth", managed = false, testable = false)
    static WebArchive healthSwitchThatIsNotABoolean() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.health.enabled", "no");
        return Deployments.war("badhealth", config, ResolverApp.class, ResolverResource.class);
    }

    @Deployment(name = "badbody", managed = false, testable = false)
    static WebArchive unknownErrorBody() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.error-body", "json");
        return Deployments.war("badbody", config, ResolverApp.class, ResolverResource.class);
    }

    @Deployment(name = "badissuer", managed = false, testable = false)
    static WebArchive ruleForUnknownIssuer() {
        Map<String, String> config = Deployments.baseConfig();
        config.remove("mp.jwt.verify.issuer");
        config.put("jwtguard.posture.acknowledge", "NO_ISSUER");
        return Deployments.war("badissuer", config, ResolverApp.class, ResolverResource.class, PrimaryOnlyRule.class);
    }

    @Deployment(name = "dpopoff", managed = false, testable = false)
    static WebArchive requireDPoPWhileOff() {
        return Deployments.war("dpopoff", Deployments.baseConfig())
                .addPackage(io.jwtguard.runtime.it.dpop.DPoPApp.class.getPackage());
    }

    @Deployment(name = "dpopmode", managed = false, testable = false)
    static WebArchive unknownDPoPMode() {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.dpop.mode", "on");
        return Deployments.war("dpopmode", config, BrokenApp.class);
    }

    @Test
    void requireDPoPWhileModeOffThenDeploymentFails() {
        assertThatThrownBy(() -> deployer.deploy("dpopoff")).isInstanceOf(Exception.class);
    }

    @Test
    void unknownDPoPModeThenDeploymentFails() {
        assertThatThrownBy(() -> deployer.deploy("dpopmode")).isInstanceOf(Exception.class);
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

    @Test
    void resolverThatCannotBeLoadedFailsDeployment() {
        assertThat(failedStartup("noresolver")).contains("jwtguard.token.resolver",
                "class 'com.example.NoSuchResolver' is not found");
    }

    @Test
    void healthSwitchThatIsNotABooleanFailsDeploymentNamingIt() {
        assertThat(failedStartup("badhealth")).contains("jwtguard.health.enabled", "'no' is not true or false");
    }

    @Test
    void unknownErrorBodyFailsDeploymentNamingTheChoices() {
        assertThat(failedStartup("badbody")).contains("jwtguard.error-body", "none, problem, custom");
    }

    @Test
    void ruleBeanForTheMissingPrimaryIssuerFailsDeployment() {
        assertThat(failedStartup("badissuer")).contains(
                "claim rule bean io.jwtguard.runtime.it.rules.PrimaryOnlyRule: @ForIssuers(PRIMARY) needs "
                        + "mp.jwt.verify.issuer");
    }

    /**
     * Deploys a WAR that must fail, and returns the messages of the failure the container logged
     * (the embedded adapter does not pass the cause on).
     */
    private String failedStartup(String deployment) {
        StringBuilder messages = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            assertThatThrownBy(() -> deployer.deploy(deployment)).isInstanceOf(Exception.class);
        } finally {
            root.removeHandler(handler);
        }
        return messages.toString();
    }
}

package io.jwtguard.tck.redeploy;

import static org.testng.Assert.assertEquals;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

/**
 * One context root, two applications one after the other: the first with JWT Guard's Jakarta
 * Security mechanism registered ({@code container-login=always}), the second without one (the
 * defaults: nothing observes the container's caller). The second must serve a valid token and
 * refuse a missing one, as it would on a fresh server. Open Liberty 26.0.0.3 leaves the first one's
 * Jakarta Security bridge registered for the context root, and without JWT Guard's clean-up
 * ({@code servlet.StaleSecurityBridge}) the second answered 403 to the valid token (its bridge found
 * no mechanism: a {@code NullPointerException} in Liberty's {@code AuthModule}).
 */
@RunAsClient
public class SameContextRootTest extends Arquillian {
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "same-with-mechanism", managed = false, testable = false)
    public static WebArchive withMechanism() {
        return atSameRoot(RedeployLeakTest.war("same-a", "jwtguard.security-mechanism.container-login=always"));
    }

    @Deployment(name = "same-without-mechanism", managed = false, testable = false)
    public static WebArchive withoutMechanism() {
        return atSameRoot(RedeployLeakTest.war("same-b", ""));
    }

    /** Both WARs under the context root {@code /same} (Arquillian needs distinct archive names). */
    private static WebArchive atSameRoot(WebArchive war) {
        return war.addAsWebInfResource(new StringAsset("<web-ext xmlns=\"http://websphere.ibm.com/xml/ns/javaee\" "
                + "version=\"1.1\"><context-root uri=\"same\"/></web-ext>"), "ibm-web-ext.xml");
    }

    /** The JWKS endpoint that the WARs' configuration names, started when they are built. */
    @AfterClass(alwaysRun = true)
    public static void stopJwks() {
        RedeployLeakTest.stopJwks();
    }

    @Test
    public void applicationWithoutTheMechanismAfterOneWithItAtTheSameContextRootThenServed() throws Exception {
        String url = "http://127.0.0.1:" + System.getProperty("jwtguard.tck.http-port", "19080") + "/same/api/whoami";
        deployer.deploy("same-with-mechanism");
        try {
            assertEquals(RedeployLeakTest.get(url, RedeployLeakTest.token()), 200, "with the mechanism");
        } finally {
            deployer.undeploy("same-with-mechanism");
        }
        deployer.deploy("same-without-mechanism");
        try {
            assertEquals(RedeployLeakTest.get(url, RedeployLeakTest.token()), 200, "without the mechanism: a valid token");
            assertEquals(RedeployLeakTest.get(url, null), 401, "without the mechanism: no token");
        } finally {
            deployer.undeploy("same-without-mechanism");
        }
    }
}

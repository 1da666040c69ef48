package io.jwtguard.examples.orders.it;

import java.io.File;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that {@code mvn package} built (the real example, unchanged), plus a library jar whose
 * {@code META-INF/microprofile-config.properties} outranks the example's own (ordinal 500): a
 * signing key made for this test run (so tests can also sign tokens the app must refuse), the
 * test server's address, and the short access-token lifetime and clock skew the browser test needs.
 */
public final class OrdersDeployment {
    /** {@code kid} of the test signing key. */
    public static final String KID = "it-key";
    /** The access-token lifetime in the test deployment, in seconds (the smallest allowed). */
    public static final int ACCESS_TOKEN_SECONDS = 10;
    /** The key pair the deployment signs with; tests sign with it too. */
    public static final KeyPair SIGNING_KEY = newKey();

    private OrdersDeployment() {
    }

    /** @return the example WAR with the test configuration */
    public static WebArchive war() {
        return war("");
    }

    /**
     * @param extraConfig more properties lines for the test configuration (later lines win)
     * @return the example WAR with the test configuration
     */
    public static WebArchive war(String extraConfig) {
        File built = new File(System.getProperty("orders.war", "target/orders.war"));
        String config = String.join("\n",
                "config_ordinal=500",
                "jwtguard.issue.key.location=classpath:it-signing-key.pem",
                "jwtguard.issue.key.id=" + KID,
                "jwtguard.issue.access-token.lifetime=PT" + ACCESS_TOKEN_SECONDS + "S",
                // one second of skew, so an access token is really refused soon after its expiry
                "mp.jwt.verify.clock.skew=1",
                "orders.url=" + Http.BASE,
                extraConfig);
        JavaArchive testConfig = ShrinkWrap.create(JavaArchive.class, "orders-it-config.jar")
                .addAsManifestResource(new StringAsset(config), "microprofile-config.properties")
                .addAsResource(new StringAsset(pem(SIGNING_KEY)), "it-signing-key.pem");
        return ShrinkWrap.createFromZipFile(WebArchive.class, built).addAsLibrary(testConfig);
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair key) {
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                + mime.encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}

package io.jwtguard.core.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Undeploying an application must release its class loader. Verifying on a long-lived thread (a
 * server's worker thread: here, the test thread) must leave nothing of JWT Guard reachable from
 * that thread: per-thread JCA engines held by the enum did (every redeploy on Tomcat and TomEE
 * leaked the web application's class loader).
 */
class JwsAlgorithmClassLoaderLeakTest {
    private static final byte[] INPUT = "header.payload".getBytes(StandardCharsets.US_ASCII);

    @Test
    void verifyWhenApplicationLoaderIsDroppedThenItIsCollected() throws Exception {
        WeakReference<ClassLoader> loader = verifyInIsolatedLoader();
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20); // lets the collector finish; no time-based assertion
        }
        assertThat(loader.get()).as("the application's class loader after undeploy").isNull();
    }

    /** Loads core's classes in a fresh loader (as a WAR would), verifies HS256 and RS256 on this thread. */
    private static WeakReference<ClassLoader> verifyInIsolatedLoader() throws Exception {
        URL classes = JwsAlgorithm.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader application = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        Class<?> type = application.loadClass(JwsAlgorithm.class.getName());
        assertThat(type.getClassLoader()).isSameAs(application);
        Method valueOf = type.getMethod("valueOf", String.class);
        Method verify = type.getMethod("verify", Key.class, byte[].class, int.class, byte[].class);

        byte[] secret = new byte[32];
        SecretKeySpec hmacKey = new SecretKeySpec(secret, "HmacSHA256");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(hmacKey);
        assertThat(verify.invoke(valueOf.invoke(null, "HS256"), hmacKey, INPUT, INPUT.length, mac.doFinal(INPUT)))
                .isEqualTo(true);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsa.getPrivate());
        signer.update(INPUT);
        assertThat(verify.invoke(valueOf.invoke(null, "RS256"), rsa.getPublic(), INPUT, INPUT.length, signer.sign()))
                .isEqualTo(true);
        application.close();
        return new WeakReference<>(application);
    }
}

package io.jwtguard.tck.redeploy;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.redeploy.app.RedeployApp;
import io.jwtguard.tck.redeploy.app.WhoAmI;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Deploys and undeploys an application with JWT Guard in {@code WEB-INF/lib} 20 times on a
 * real server, with keys from a JWKS endpoint whose short cache lifetime makes every deployment start a
 * background refresh thread, then asks the server's JVM (through {@code jcmd}, after a full GC) whether
 * any copy of JWT Guard is still loaded and whether any JWT Guard thread is still running.
 *
 * <p>The marker is {@code io.jwtguard.core.verify.RejectionReason}: every deployment loads its own copy of
 * the enum with all its constants, and the constants live exactly as long as the deployment's class loader.
 * So the instance count after the last undeployment counts leaked class loaders, whatever held them.
 *
 * <p>Runs on a server only (profile {@code liberty-tck}, execution {@code redeploy-suite}): in the embedded
 * container JWT Guard is on the test's own class path.
 */
@RunAsClient
public class RedeployLeakTest extends Arquillian {
    private static final String ROUNDS_PROPERTY = "jwtguard.tck.redeploy-rounds";
    static final int ROUNDS = Integer.getInteger(ROUNDS_PROPERTY, 20);
    private static final String ISSUER = "https://issuer.redeploy.test";
    private static final String AUDIENCE = "redeploy";
    private static final String MARKER = "io.jwtguard.core.verify.RejectionReason";
    private static final String HEAP_DUMP = System.getProperty("jwtguard.tck.heap-dump", "target/redeploy-leak.hprof");
    /** The selector thread of one {@code java.net.http.HttpClient}: one per JWKS client. */
    private static final String JDK_HTTP_SELECTOR = "HttpClient-\\d+-SelectorManager";
    /** How many threads the server's own pools (Liberty's executor, RMI, GC) may add over the rounds. */
    private static final int SERVER_THREAD_GROWTH = 12;
    /** How many instances one copy of the marker enum has: its constants. */
    /** Open Liberty's Jakarta Security implementation, which keeps each module's mechanism (second test). */
    private static final String LIBERTY_JAKARTA_SECURITY = "com.ibm.ws.security.javaeesec.";
    private static final long MARKER_CONSTANTS = io.jwtguard.core.verify.RejectionReason.values().length;
    /**
     * HTTP/1.1, as most API clients: Java's default would upgrade the connection to HTTP/2 (h2c), and
     * the server's upgraded connection, kept alive by this client, would hold the application until it
     * closes, which is the test's doing, not the application's.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The outside issuer, from the test kit (jwtguard-testing): its RSA key and its JWKS endpoint on loopback. */
    private static final TestIssuer IDP = TestIssuer.create(ISSUER, AUDIENCE);
    private static JwksServer jwks;

    @ArquillianResource
    Deployer deployer;

    @BeforeClass
    public static synchronized void startJwks() {
        if (jwks == null) {
            jwks = IDP.jwksServer();
        }
    }

    @AfterClass(alwaysRun = true)
    public static synchronized void stopJwks() {
        if (jwks != null) {
            jwks.close();
            jwks = null; // a later class (SameContextRootTest) starts its own
        }
    }

    @Deployment(name = "redeploy", managed = false, testable = false)
    public static WebArchive app() {
        // the defaults: with container-login=auto and nothing observing the container's caller, no Jakarta
        // Security mechanism is registered, so Open Liberty has none to keep (see below)
        return war("redeploy", "");
    }

    @Deployment(name = "redeploy-mechanism", managed = false, testable = false)
    public static WebArchive appWithMechanism() {
        // a registered mechanism (container-login=always): Open Liberty keeps every application that had one
        return war("redeploy-mechanism", "jwtguard.security-mechanism.container-login=always");
    }

    static WebArchive war(String name, String extraConfig) {
        // the JWKS port is only known once the server above runs: the WAR is built when deployed
        String config = String.join("\n",
                "mp.jwt.verify.publickey.location=" + jwksUri(),
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "jwtguard.jwks.cache.min-ttl=PT1S",
                "jwtguard.jwks.cache.default-ttl=PT2S",
                "jwtguard.jwks.refresh-ahead=PT1S",
                extraConfig);
        return Wars.war(name, config).addClasses(RedeployApp.class, WhoAmI.class);
    }

    private static String jwksUri() {
        startJwks();
        return jwks.uri().toString();
    }

    /**
     * JWT Guard's own resources: after 20 rounds (or {@value #ROUNDS_PROPERTY}), not one more copy of JWT Guard
     * is loaded than before the first, no JWT Guard thread runs, and the thread count is flat.
     */
    @Test
    public void deployAndUndeployTwentyTimesThenNoCopyOfJwtGuardAndNoJwtGuardThreadRemains() throws Exception {
        long pid = ServerJvm.pidOf(System.getProperty("jwtguard.tck.server-process"));
        long before = ServerJvm.instances(pid, MARKER);
        List<String> threadsAfterFirst = rounds(pid, "redeploy", ROUNDS);
        assertTrue(jwks.requests() >= 2 * ROUNDS, "every deployment fetched its keys and refreshed them in "
                + "the background: " + jwks.requests() + " requests");

        long leaked = ServerJvm.settle(pid, MARKER, before);
        List<String> jwtGuardThreads = ServerJvm.liveThreads(pid).stream().filter(t -> t.startsWith("\"jwtguard"))
                .toList();
        assertEquals(jwtGuardThreads, List.of(), "JWT Guard threads still running after " + ROUNDS + " undeployments");
        if (leaked != 0) {
            // Liberty keeps each undeployed application's info in an object with a finalizer, which may not
            // have run yet: such a class loader is not strongly held and goes with the next collection after
            // it. What must not exist is a strong path from a GC root to an undeployed application.
            Map<String, List<String>> held = ServerJvm.strongPathsToLoadersOf(pid, MARKER, HEAP_DUMP);
            held.values().removeIf(List::isEmpty);
            assertEquals(held, Map.of(), "undeployed applications strongly held (root first)");
        }
        List<String> atEnd = ServerJvm.liveThreads(pid);
        List<String> added = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            added = new ArrayList<>(ServerJvm.names(atEnd));
            ServerJvm.names(threadsAfterFirst).forEach(added::remove);
            if (added.size() <= SERVER_THREAD_GROWTH || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(2_000); // threads of closed clients end on their own schedule
            atEnd = ServerJvm.liveThreads(pid);
        }
        assertTrue(otherThan(added, JDK_HTTP_SELECTOR).size() <= SERVER_THREAD_GROWTH, "threads added after "
                + ROUNDS + " rounds: " + added);
        // JWT Guard's key fetcher uses no java.net.http.HttpClient any more (whose selector thread, on Java 17,
        // outlived each undeployed application until its finalizer ran, README 1e): none may remain, on any Java
        long selectors = added.size() - otherThan(added, JDK_HTTP_SELECTOR).size();
        assertEquals(selectors, 0L, "JDK HttpClient threads left by JWKS clients on Java " + ServerJvm.javaFeature(pid) + ": " + added);
    }

    private static List<String> otherThan(List<String> names, String pattern) {
        return names.stream().filter(n -> !n.matches(pattern)).toList();
    }

    /**
     * With JWT Guard's Jakarta Security mechanism registered ({@code container-login=always} here; with the
     * default {@code auto} only in an application that observes the container's caller), Open Liberty 26.0.0.3 keeps every undeployed
     * application through its Jakarta Security implementation ({@code com.ibm.ws.security.javaeesec}):
     * {@code ModulePropertiesUtils} caches each module's {@code HttpAuthenticationMechanism} in a
     * {@code WeakHashMap} keyed by the module's metadata, which the cached Weld proxy references through its
     * bean manager, and the CDI extension's {@code HttpAuthenticationMechanismsTracker} keeps each module's
     * mechanism class (heap dumps; tck-tests/README.md). Any application with a Jakarta Security mechanism is
     * kept; JWT Guard cannot release it. This records the behaviour: at most one copy per round, every copy
     * held by Liberty's Jakarta Security code and by nothing else, and no JWT Guard thread.
     */
    @Test(dependsOnMethods = "deployAndUndeployTwentyTimesThenNoCopyOfJwtGuardAndNoJwtGuardThreadRemains")
    public void withTheSecurityMechanismLibertyKeepsEachUndeployedApplication() throws Exception {
        long pid = ServerJvm.pidOf(System.getProperty("jwtguard.tck.server-process"));
        long before = ServerJvm.instances(pid, MARKER);
        int rounds = 3;
        rounds(pid, "redeploy-mechanism", rounds);
        long kept = ServerJvm.settle(pid, MARKER, before);
        assertEquals(ServerJvm.liveThreads(pid).stream().filter(t -> t.startsWith("\"jwtguard")).toList(),
                List.of());
        assertTrue(kept <= rounds * MARKER_CONSTANTS, "more than one copy of JWT Guard per round: "
                + kept / MARKER_CONSTANTS);
        if (kept != 0) {
            Map<String, List<String>> held = ServerJvm.strongPathsToLoadersOf(pid, MARKER, HEAP_DUMP);
            held.values().removeIf(List::isEmpty);
            System.out.println("RedeployLeakTest: with the Jakarta Security mechanism, Liberty strongly holds "
                    + held.size() + " of " + rounds + " undeployed applications, for example: "
                    + held.values().stream().findFirst().orElse(List.of()));
            for (Map.Entry<String, List<String>> path : held.entrySet()) {
                assertTrue(path.getValue().stream().anyMatch(step -> step.contains(LIBERTY_JAKARTA_SECURITY)),
                        "held by something other than Liberty's Jakarta Security bookkeeping: " + path);
            }
        }
    }

    /**
     * The servers of this profile have Amazon Corretto Crypto Provider in their global shared library
     * (pom: liberty-native-crypto), so {@code jwtguard.crypto.provider=auto} must pick it on Liberty: every
     * deployment logs its choice once (server log), and a valid token verifies with it. Runs after the
     * leak tests, which therefore measured applications with the native provider loaded in each.
     */
    @Test(dependsOnMethods = "withTheSecurityMechanismLibertyKeepsEachUndeployedApplication", alwaysRun = true)
    public void nativeProviderPresentThenChosenAndVerifying() throws Exception {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("jwtguard.tck.server-log"));
        String chosen = "JWT Guard crypto: signatures use AmazonCorrettoCryptoProvider";
        long before = count(log, chosen);
        deployer.deploy("redeploy");
        try {
            String base = "http://127.0.0.1:" + System.getProperty("jwtguard.tck.http-port") + "/redeploy/api/whoami";
            assertEquals(get(base, token()), 200, "a valid token, verified by the native provider");
            assertEquals(get(base, token() + "x"), 401, "a tampered token");
        } finally {
            deployer.undeploy("redeploy");
        }
        assertTrue(count(log, chosen) > before, "the deployment logged that it chose the native provider ("
                + log + ")");
        assertEquals(count(log, "no native provider is usable"), 0L, "a deployment fell back to the JDK");
    }

    private static long count(java.nio.file.Path log, String text) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** @return the live threads after the first round */
    private List<String> rounds(long pid, String deployment, int rounds) throws Exception {
        List<String> threadsAfterFirst = List.of();
        for (int round = 1; round <= rounds; round++) {
            deployer.deploy(deployment);
            String base = "http://127.0.0.1:" + System.getProperty("jwtguard.tck.http-port") + "/" + deployment
                    + "/api/whoami";
            assertEquals(get(base, token()), 200, "round " + round + ": a valid token");
            Thread.sleep(1_500); // past refresh-ahead of the 2 s key set: the next request refreshes in the background
            assertEquals(get(base, token()), 200, "round " + round + ": a valid token after the refresh");
            assertEquals(get(base, null), 401, "round " + round + ": no token");
            deployer.undeploy(deployment);
            if (round == 1) {
                threadsAfterFirst = ServerJvm.liveThreads(pid);
            }
        }
        return threadsAfterFirst;
    }


    static int get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String token() {
        return IDP.token().subject("redeploy@example.com").sign();
    }
}

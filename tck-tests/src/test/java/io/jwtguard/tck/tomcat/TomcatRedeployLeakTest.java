package io.jwtguard.tck.tomcat;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.redeploy.ServerJvm;
import io.jwtguard.testing.JwksServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.testng.asserts.SoftAssert;

/**
 * Deploys and undeploys the servlet-only WAR 20 times ({@code jwtguard.tck.redeploy-rounds}) on a real Tomcat
 * 10.1 through its manager's text interface, each round using the verifier (valid tokens, a background JWKS
 * refresh: the key set's 2 s lifetime makes every deployment start JWT Guard's refresh thread and fetch keys
 * again), then asks Tomcat and its JVM whether anything of the undeployed applications stayed:
 * <ul>
 *   <li>Tomcat's own {@code /manager/text/findleaks}: no undeployed application whose class loader is alive;</li>
 *   <li>a heap dump read by {@code redeploy.StrongPaths}: no strong path from a GC root to a class loader of
 *       JWT Guard's marker class, and as many web application class loaders as before the first round;</li>
 *   <li>the JVM's threads: none of JWT Guard's, and the count after the last round as after the first (the
 *       names of any that grew are in the message);</li>
 *   <li>Tomcat's log: none of its undeployment warnings ("failed to stop it", "failed to remove it") for the
 *       application.</li>
 * </ul>
 *
 * <p>The marker is {@code io.jwtguard.core.verify.RejectionReason}, as in {@code redeploy.RedeployLeakTest}:
 * every deployment loads its own copy of the enum, whose constants live as long as its class loader.
 *
 * <p>Tomcat's findleaks is asked twice: right after the last undeployment (what an operator sees; Tomcat runs a
 * collection first), and after up to 60 s of collections, when the other checks run. Both must find nothing.
 * (Before JWT Guard fetched keys over {@code HttpURLConnection}, on Java 17 the selector thread of each key
 * source's {@code java.net.http.HttpClient} held its application until a collection and about 3 s later, and
 * Tomcat warned at every undeployment about those threads.)
 */
public class TomcatRedeployLeakTest {
    static final int ROUNDS = Integer.getInteger("jwtguard.tck.redeploy-rounds", 20);
    private static final String CONTEXT = "redeploy";
    private static final String MARKER = "io.jwtguard.core.verify.RejectionReason";
    private static final String WEBAPP_LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";
    private static final String HEAP_DUMP = System.getProperty("jwtguard.tck.heap-dump",
            "target/tomcat-redeploy-leak.hprof");
    /** Tomcat's answer to findleaks with statusLine=true when no undeployed application is still loaded. */
    private static final String NO_LEAKS = "OK - No memory leaks found";
    /** How many threads Tomcat's own pools (connector, utility executor) may add or renew over the rounds. */
    private static final int THREAD_NOISE = 4;
    /** Tomcat's undeployment warnings (WebappClassLoaderBase): a thread left running, a ThreadLocal left set. */
    private static final List<String> LEAK_WARNINGS = List.of("but has failed to stop it",
            "but failed to remove it", "appears to have started a thread", "created a ThreadLocal");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Tokens tokens = new Tokens();
    private JwksServer jwks;
    private TomcatServer tomcat;
    private Path war;

    @BeforeClass
    public void startJwksAndTomcat() throws Exception {
        jwks = tokens.issuer().jwksServer();
        tomcat = TomcatServer.prepare("redeploy").withManager();
        war = ServletOnlyWar.write(tomcat.webapps().getParent().resolve("wars"), CONTEXT);
        tomcat.start(Map.of(
                "MP_JWT_VERIFY_ISSUER", Tokens.ISSUER,
                "MP_JWT_VERIFY_AUDIENCES", Tokens.AUDIENCE,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks.uri().toString(),
                "JWTGUARD_JWKS_CACHE_DEFAULT_TTL", "PT2S",
                "JWTGUARD_JWKS_CACHE_MIN_TTL", "PT1S",
                "JWTGUARD_JWKS_REFRESH_AHEAD", "PT1S",
                "JWTGUARD_SERVLET_FILTER_ENABLED", "true",
                "JWTGUARD_SERVLET_FILTER_REQUIRED_PATTERNS", "/members/*",
                "JWTGUARD_REALM", "tomcat-env"));
    }

    @AfterClass(alwaysRun = true)
    public void stopTomcatAndJwks() {
        if (tomcat != null) {
            tomcat.close();
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    public void deployAndUndeployTwentyTimesThenTomcatFindsNoLeakAndNothingHoldsTheApplication() throws Exception {
        long pid = tomcat.pid();
        long markersBefore = ServerJvm.instances(pid, MARKER);
        long loadersBefore = ServerJvm.instances(pid, WEBAPP_LOADER);
        List<String> threadsAfterFirst = List.of();
        long started = System.nanoTime();
        for (int round = 1; round <= ROUNDS; round++) {
            tomcat.deploy(CONTEXT, war);
            String url = tomcat.url() + CONTEXT + "/members/whoami";
            assertEquals(get(url, tokens.valid("user")), 200, "round " + round + ": a valid token");
            Thread.sleep(1_500); // past refresh-ahead of the 2 s key set: the next request refreshes in the background
            assertEquals(get(url, tokens.valid("user")), 200, "round " + round + ": a valid token after the refresh");
            assertEquals(get(url, tokens.forged()), 401, "round " + round + ": a forged token");
            assertEquals(get(url, null), 401, "round " + round + ": no token");
            tomcat.undeploy(CONTEXT);
            if (round == 1) {
                threadsAfterFirst = ServerJvm.liveThreads(pid);
            }
        }
        System.out.println("TomcatRedeployLeakTest: " + ROUNDS + " rounds in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, " + jwks.requests()
                + " JWKS requests");
        assertTrue(jwks.requests() >= 2 * ROUNDS, "every deployment fetched its keys and refreshed them in the "
                + "background: " + jwks.requests() + " requests");

        // every check runs, so that a failure shows the whole picture
        SoftAssert soft = new SoftAssert();
        String findLeaksAtOnce = tomcat.managerText("findleaks?statusLine=true").trim();
        System.out.println("TomcatRedeployLeakTest: findleaks right after the last undeployment: "
                + findLeaksAtOnce.replace('\n', ' '));
        soft.assertEquals(findLeaksAtOnce, NO_LEAKS, "Tomcat's findleaks right after the last undeployment");
        long extraMarkers = ServerJvm.settle(pid, MARKER, markersBefore);
        String findLeaks = tomcat.managerText("findleaks?statusLine=true").trim();
        System.out.println("TomcatRedeployLeakTest: findleaks after collections: " + findLeaks);
        soft.assertEquals(findLeaks, NO_LEAKS, "Tomcat's findleaks after " + ROUNDS + " undeployments and collections");

        Map<String, List<String>> held = ServerJvm.strongPathsToLoadersOf(pid, MARKER, HEAP_DUMP);
        System.out.println("TomcatRedeployLeakTest: heap dump: " + held.size() + " loaders of " + MARKER
                + " in the dump, " + held.values().stream().filter(p -> !p.isEmpty()).count() + " strongly held");
        held.values().removeIf(List::isEmpty);
        soft.assertEquals(held, Map.of(), "undeployed applications strongly held (root first)");
        soft.assertEquals(extraMarkers, 0L, "copies of JWT Guard's marker enum still loaded (constants)");
        soft.assertEquals(ServerJvm.instances(pid, WEBAPP_LOADER), loadersBefore, "web application class loaders");

        List<String> jwtGuardThreads = ServerJvm.names(ServerJvm.liveThreads(pid)).stream()
                .filter(n -> n.startsWith("jwtguard")).toList();
        soft.assertEquals(jwtGuardThreads, List.of(), "JWT Guard threads after " + ROUNDS + " undeployments");
        List<String> atEnd = flatThreads(pid, threadsAfterFirst);
        System.out.println("TomcatRedeployLeakTest: threads after round 1: " + threadsAfterFirst.size()
                + ", after round " + ROUNDS + ": " + atEnd.size());
        soft.assertTrue(atEnd.size() <= threadsAfterFirst.size() + THREAD_NOISE, "threads grew from "
                + threadsAfterFirst.size() + " to " + atEnd.size() + "; new: " + grown(threadsAfterFirst, atEnd));

        List<String> warnings = leakWarnings();
        soft.assertEquals(warnings, List.of(), "Tomcat's undeployment warnings for /" + CONTEXT);
        soft.assertAll();
    }

    /** @return the live threads, once their count is within the noise of {@code reference} or after 30 s */
    private static List<String> flatThreads(long pid, List<String> reference) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> now = ServerJvm.liveThreads(pid);
        while (now.size() > reference.size() + THREAD_NOISE && System.nanoTime() < deadline) {
            Thread.sleep(2_000); // idle pool threads end on their own schedule
            now = ServerJvm.liveThreads(pid);
        }
        return now;
    }

    /** @return the thread names in {@code after} that {@code before} does not have */
    private static List<String> grown(List<String> before, List<String> after) {
        List<String> added = new ArrayList<>(ServerJvm.names(after));
        ServerJvm.names(before).forEach(added::remove);
        return added;
    }

    /**
     * @return Tomcat's leak warnings about the application (each with the lines that follow it, such as a
     *     thread's stack) from the console
     */
    private List<String> leakWarnings() throws IOException {
        List<String> lines = tomcat.consoleLines();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (LEAK_WARNINGS.stream().anyMatch(line::contains) && line.contains("[" + CONTEXT + "]")) {
                StringBuilder record = new StringBuilder(line);
                for (int j = i + 1; j < lines.size() && !lines.get(j).matches("^\\d{2}-\\w{3}-\\d{4} .*"); j++) {
                    record.append('\n').append(lines.get(j));
                }
                found.add(record.toString());
            }
        }
        return found;
    }


    private static int get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

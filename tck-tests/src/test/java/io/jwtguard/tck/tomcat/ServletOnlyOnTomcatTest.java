package io.jwtguard.tck.tomcat;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * JWT Guard's servlet-only mode on a real Apache Tomcat 10.1: a WAR without CDI, JAX-RS or MicroProfile Config
 * ({@link ServletOnlyWar}), configured only by environment variables with MicroProfile Config's names, as an
 * operator configures a container: {@code MP_JWT_VERIFY_ISSUER}, {@code MP_JWT_VERIFY_AUDIENCES},
 * {@code MP_JWT_VERIFY_PUBLICKEY}, {@code JWTGUARD_SERVLET_FILTER_ENABLED=true},
 * {@code JWTGUARD_SERVLET_FILTER_REQUIRED_PATTERNS=/members/*}, {@code JWTGUARD_ERROR_BODY=problem} and
 * {@code JWTGUARD_REALM} (which overrides the realm in web.xml). Every attack is refused and the legitimate requests pass, over HTTP; Tomcat's logs hold no
 * SEVERE line, never a token, and JWT Guard's rate-limited summary line.
 *
 * <p>Runs in the profile {@code tomcat-servlet} (execution {@code tomcat-suite}), which provides the install.
 */
public class ServletOnlyOnTomcatTest {
    private static final String REALM = "tomcat-env";
    private static final Pattern SUMMARY = Pattern.compile("JWT Guard refused \\d+ tokens? in the last \\d+ s: ");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Tokens tokens = new Tokens();
    /** Every token sent, to look for in the logs at the end. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private TomcatServer tomcat;
    private long startNanos;

    @BeforeClass
    public void startTomcatWithTheWar() throws Exception {
        tomcat = TomcatServer.prepare("servlet-only");
        ServletOnlyWar.write(tomcat.webapps(), "app");
        startNanos = System.nanoTime();
        tomcat.start(Map.of(
                "MP_JWT_VERIFY_ISSUER", Tokens.ISSUER,
                "MP_JWT_VERIFY_AUDIENCES", Tokens.AUDIENCE,
                "MP_JWT_VERIFY_PUBLICKEY", tokens.publicKey(),
                "JWTGUARD_SERVLET_FILTER_ENABLED", "true",
                "JWTGUARD_SERVLET_FILTER_REQUIRED_PATTERNS", "/members/*",
                "JWTGUARD_REALM", REALM,
                "JWTGUARD_ERROR_BODY", "problem"));
        System.out.println("ServletOnlyOnTomcatTest: Tomcat answered after "
                + Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms");
    }

    @AfterClass(alwaysRun = true)
    public void stopTomcat() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    public void freePathWhenNoTokenThenAnonymous() throws Exception {
        HttpResponse<String> reply = get("app/whoami", null);
        assertEquals(reply.statusCode(), 200);
        assertEquals(reply.body(), "anonymous|authType=null");
    }

    @Test
    public void freePathWhenValidTokenThenPrincipalRolesFromGroupsAndAuthType() throws Exception {
        HttpResponse<String> reply = get("app/whoami", tokens.valid("user"));
        assertEquals(reply.statusCode(), 200);
        assertEquals(reply.body(), Tokens.SUBJECT + "|jwt=true|user=true|admin=false|any=true|authType=MP-JWT");
    }

    @Test
    public void requiredPatternWhenNoTokenThen401BearerChallengeWithoutError() throws Exception {
        HttpResponse<String> reply = get("app/members/whoami", null);
        assertEquals(reply.statusCode(), 401);
        // the environment's realm, not web.xml's: environment variables come before context parameters
        assertEquals(reply.headers().allValues("WWW-Authenticate"), List.of("Bearer realm=\"" + REALM + "\""));
        assertFalse(reply.body().contains("anonymous"), reply.body());
    }

    @Test
    public void requiredPatternWhenValidTokenThenServed() throws Exception {
        HttpResponse<String> reply = get("app/members/whoami", tokens.valid("admin"));
        assertEquals(reply.statusCode(), 200);
        assertEquals(reply.body(), Tokens.SUBJECT + "|jwt=true|user=false|admin=true|any=true|authType=MP-JWT");
    }

    @DataProvider
    public Object[][] attacks() {
        List<Object[]> rows = new ArrayList<>();
        for (String path : List.of("app/whoami", "app/members/whoami")) {
            rows.add(new Object[] {"forged signature", path, tokens.forged()});
            rows.add(new Object[] {"expired", path, tokens.expired()});
            rows.add(new Object[] {"wrong issuer", path, tokens.wrongIssuer()});
        }
        return rows.toArray(new Object[0][]);
    }

    @Test(dataProvider = "attacks")
    public void attackThen401InvalidTokenAndTheTokenIsNotEchoed(String attack, String path, String token)
            throws Exception {
        HttpResponse<String> reply = get(path, token);
        assertEquals(reply.statusCode(), 401, attack + " on " + path + ": " + reply.body());
        List<String> challenges = reply.headers().allValues("WWW-Authenticate");
        assertEquals(challenges.size(), 1, attack + ": " + challenges);
        assertTrue(challenges.get(0).startsWith("Bearer realm=\"" + REALM + "\", error=\"invalid_token\""),
                attack + ": " + challenges.get(0));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        reply.headers().map().forEach((name, values) -> values.forEach(value ->
                assertFalse(value.contains(signature), attack + ": header " + name + " echoes the token")));
        assertFalse(reply.body().contains(signature), attack + ": the body echoes the token");
        assertFalse(reply.body().contains("jdoe"), attack + ": the body names the token's subject");
        // JWTGUARD_ERROR_BODY=problem: an RFC 9457 body with the reason, from the servlet filter
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                attack + ": " + reply.headers().map());
        assertTrue(reply.body().startsWith("{\"type\":\"tag:jwtguard.io,2026:problem:")
                && reply.body().contains("\"status\":401,\"error\":\"invalid_token\",\"reason\":\""),
                attack + ": " + reply.body());
    }

    /**
     * After every request above: Tomcat's console and its log files hold no SEVERE line at all, no token (not
     * even one's signature), and JWT Guard's rate-limited INFO summary, at most once per started minute.
     */
    @Test(dependsOnMethods = {"freePathWhenNoTokenThenAnonymous",
            "freePathWhenValidTokenThenPrincipalRolesFromGroupsAndAuthType",
            "requiredPatternWhenNoTokenThen401BearerChallengeWithoutError", "requiredPatternWhenValidTokenThenServed",
            "attackThen401InvalidTokenAndTheTokenIsNotEchoed"})
    public void logsWhenTokensWereRefusedThenOneSummaryNoSevereLineAndNoToken() throws Exception {
        assertTrue(sent.size() >= 8, "tokens sent: " + sent.size());
        List<String> summaries = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (summaries.isEmpty() && System.nanoTime() < deadline) {
            summaries = tomcat.consoleLines().stream().filter(l -> SUMMARY.matcher(l).find()).toList();
            Thread.sleep(200);
        }
        long minutes = Duration.ofNanos(System.nanoTime() - startNanos).toMinutes();
        assertFalse(summaries.isEmpty(), "no \"JWT Guard refused N tokens\" line on the console");
        assertTrue(summaries.size() <= 1 + minutes, "more summary lines than minutes: " + summaries);
        System.out.println("ServletOnlyOnTomcatTest: " + summaries);

        List<Path> files = tomcat.logFiles();
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("catalina.")), "logs: " + files);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            List<String> severe = text.lines().filter(l -> l.contains("SEVERE") || l.contains(" ERROR ")).toList();
            assertEquals(severe, List.of(), "SEVERE/ERROR lines in " + file.getFileName());
            for (String token : sent) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertFalse(text.contains(signature), "a token in " + file.getFileName());
            }
        }
        String console = String.join("\n", tomcat.consoleLines());
        assertTrue(console.contains("org.apache.catalina.startup.HostConfig.deployWAR Deployment of web application "
                + "archive [") && console.contains("app.war] has finished"), "the WAR was deployed at startup");
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.url() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            sent.add(token);
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertNotNull(reply.body());
        return reply;
    }
}

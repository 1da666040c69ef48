package io.jwtguard.tck.health;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.health.app.HealthApp;
import io.jwtguard.tck.health.app.WhoAmI;
import io.jwtguard.tck.hostile.Jose;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.RsaJsonWebKey;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

/**
 * JWT Guard's MicroProfile Health checks on Open Liberty with {@code mpHealth-4.0} (issue 15): an
 * application whose keys come from a JWKS endpoint on 127.0.0.1 that this test runs, stops and starts
 * again on the same port. {@code /health/ready} is UP with the key data while keys are served, DOWN
 * (503) with the state {@code UNAVAILABLE} once the last good key set is past its stale bound, and UP
 * again after the endpoint returns, with no request to the application in between (the readiness check
 * asks the key source to refresh in the background); {@code /health/live} stays UP throughout.
 *
 * <p>Runs on a server of its own (profile {@code liberty-tck}, execution {@code health-suite}, server
 * {@code jwtguard-health}); the key cache is shortened to seconds so that the outage shows within the
 * test's deadlines.
 */
@RunAsClient
public class LibertyHealthTest extends Arquillian {
    private static final String ISSUER = "https://issuer.health.test";
    private static final String AUDIENCE = "health";
    private static final String KID = "health-1";
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final KeyPair KEY = rsaKey();
    private static final URI SERVER = URI.create("http://127.0.0.1:"
            + System.getProperty("jwtguard.tck.http-port", "19080"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static HttpServer jwks;
    private static int jwksPort;

    /** Starts the JWKS endpoint, on {@code port} (0: any free one), serving one RSA key for 2 seconds. */
    private static synchronized void startJwks(int port) throws IOException {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) KEY.getPublic());
        jwk.setKeyId(KID);
        byte[] body = ("{\"keys\":[" + jwk.toJson() + "]}").getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=2");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        jwksPort = jwks.getAddress().getPort();
    }

    private static synchronized void stopJwks() {
        if (jwks != null) {
            jwks.stop(0);
            jwks = null;
        }
    }

    @AfterClass(alwaysRun = true)
    public static void tearDown() {
        stopJwks();
    }

    @Deployment(name = "keysapp", testable = false)
    public static WebArchive app() throws IOException {
        if (jwks == null) {
            startJwks(0); // the port must be known when the WAR is built
        }
        String config = String.join("\n",
                "mp.jwt.verify.publickey.location=http://127.0.0.1:" + jwksPort + "/jwks",
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "jwtguard.jwks.prefetch=true",
                "jwtguard.jwks.cache.min-ttl=PT1S",
                "jwtguard.jwks.cache.max-ttl=PT2S",
                "jwtguard.jwks.cache.default-ttl=PT2S",
                "jwtguard.jwks.refresh-ahead=PT1S",
                "jwtguard.jwks.stale-if-error=PT2S",
                "jwtguard.jwks.unknown-kid.min-interval=PT1S",
                "jwtguard.jwks.connect-timeout=PT1S",
                "jwtguard.jwks.read-timeout=PT1S");
        return Wars.war("keysapp", config).addClasses(HealthApp.class, WhoAmI.class);
    }

    @Test
    public void readyWhenKeyEndpointGoesDownThenDownWithStateAndWhenItReturnsThenUpAgainWhileLiveStaysUp()
            throws Exception {
        // 1. keys served: ready, with the key data; a token is accepted
        JsonObject keys = await("/health/ready UP with jwtguard-keys UP", "/health/ready",
                r -> r.status == 200 && "UP".equals(check(r.body, "jwtguard-keys").map(c -> c.getString("status"))
                        .orElse(null))).check("jwtguard-keys").orElseThrow();
        System.out.println("health-suite: /health/ready while keys are served: " + get("/health/ready", null).body);
        JsonObject data = keys.getJsonObject("data");
        assertEquals(data.getJsonNumber("keys").longValue(), 1L, "key count: " + keys);
        assertEquals(data.getString("kind"), "jwks", "source kind: " + keys);
        assertTrue(data.getString("source").startsWith("http://127.0.0.1:" + jwksPort + "/jwks"), "source: " + keys);
        assertTrue(data.containsKey("age-seconds"), "age: " + keys);
        assertTrue(data.getString("state").equals("FRESH") || data.getString("state").equals("STALE"), "state: " + keys);
        assertEquals(get("/keysapp/api/whoami", token()).status, 200, "a valid token while keys are served");
        assertLiveUp();

        // 2. the endpoint goes down: once the last good set is past its stale bound, not ready
        stopJwks();
        Instant down = Instant.now();
        Reply notReady = await("/health/ready 503 with jwtguard-keys DOWN", "/health/ready",
                r -> r.status == 503 && "DOWN".equals(check(r.body, "jwtguard-keys")
                        .map(c -> c.getString("status")).orElse(null)));
        JsonObject downCheck = notReady.check("jwtguard-keys").orElseThrow();
        assertEquals(downCheck.getJsonObject("data").getString("state"), "UNAVAILABLE", "state: " + downCheck);
        assertEquals(downCheck.getJsonObject("data").getJsonNumber("keys").longValue(), 0L, "keys served: " + downCheck);
        assertEquals(notReady.json().getString("status"), "DOWN", "overall readiness: " + notReady.body);
        System.out.println("health-suite: /health/ready during the outage (503): " + notReady.body);
        System.out.println("health-suite: not ready " + Duration.between(down, Instant.now()).toMillis()
                + " ms after the JWKS endpoint stopped");
        assertEquals(get("/keysapp/api/whoami", token()).status, 503, "a valid token while no key set can be served");
        assertLiveUp();

        // 3. the endpoint returns on the same port: ready again, without any request to the application
        startJwks(jwksPort);
        Instant back = Instant.now();
        Reply ready = await("/health/ready UP again", "/health/ready", r -> r.status == 200);
        assertEquals(ready.check("jwtguard-keys").orElseThrow().getJsonObject("data").getString("state"), "FRESH",
                "state after recovery: " + ready.body);
        System.out.println("health-suite: ready again " + Duration.between(back, Instant.now()).toMillis()
                + " ms after the JWKS endpoint returned");
        assertEquals(get("/keysapp/api/whoami", token()).status, 200, "a valid token after recovery");
        assertLiveUp();
    }

    private static void assertLiveUp() throws Exception {
        Reply live = get("/health/live", null);
        assertEquals(live.status, 200, "/health/live: " + live.body);
        JsonObject check = live.check("jwtguard").orElseThrow(() -> new AssertionError("no jwtguard check: " + live.body));
        assertEquals(check.getString("status"), "UP", "liveness: " + live.body);
        assertTrue(check.getJsonObject("data").getBoolean("active"), "liveness data: " + live.body);
    }

    /** Polls {@code path} every 500 ms (checking liveness each time) until {@code done}, or fails at the deadline. */
    private static Reply await(String what, String path, Predicate<Reply> done) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        Reply last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path, null);
            if (done.test(last)) {
                return last;
            }
            Reply live = get("/health/live", null);
            assertEquals(live.status, 200, "/health/live while waiting for " + what + ": " + live.body);
            Thread.sleep(500); // the server's state changes on its own schedule: poll, never sleep a fixed time
        }
        throw new AssertionError("no " + what + " within " + DEADLINE + "; last: "
                + (last == null ? "none" : last.status + " " + last.body));
    }

    private static Optional<JsonObject> check(String body, String name) {
        if (body == null || !body.startsWith("{")) {
            return Optional.empty();
        }
        return new Reply(0, body).check(name);
    }

    /** One HTTP answer. */
    private record Reply(int status, String body) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        Optional<JsonObject> check(String name) {
            JsonObject json = json();
            if (!json.containsKey("checks")) {
                return Optional.empty();
            }
            return json.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(c -> name.equals(c.getString("name"))).findFirst();
        }
    }

    private static Reply get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVER.resolve(path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static String token() {
        long iat = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"health\","
                + "\"upn\":\"health@example.com\",\"groups\":[\"user\"],\"jti\":\"" + UUID.randomUUID() + "\","
                + "\"iat\":" + iat + ",\"exp\":" + (iat + 300) + "}";
        return Jose.jws("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}", claims, "RS256",
                KEY.getPrivate());
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.jwtguard.tck.authz;

import static org.testng.Assert.assertEquals;

import io.jwtguard.tck.authz.app.AuthzApp;
import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.authz.app.Shapes;
import io.jwtguard.tck.hostile.Jose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.RsaJsonWebKey;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Authorization semantics over real HTTP: every resource shape of {@link Shapes} (annotations on
 * methods, declaring classes, abstract and generic base classes, interfaces, overriding methods,
 * sub-resource locators; JWT Guard's own annotations in the same places) called with no token, a
 * {@code user} token and an {@code admin} token, each with its expected status. JWT Guard runs in
 * its default hardened profile. The same table runs in the embedded container (default build)
 * and on Open Liberty (profile {@code liberty-tck}); {@code Wars} packages the WAR for each.
 *
 * <p>The app answers refusals with RFC 9457 problem bodies ({@code jwtguard.error-body=problem}),
 * checked on every server by {@link #refusalsCarryProblemBodiesOnThisServer()}.
 *
 * <p>Tokens: {@code user} has groups {@code [user]}, scope {@code orders:read}, {@code tenant:
 * other} and was issued 120 s ago; {@code admin} has groups {@code [user, admin]}, scope
 * {@code orders:read orders:write}, {@code tenant: acme} and was issued now.
 */
@RunAsClient
public class AuthorizationSemanticsTest extends Arquillian {
    static final String ISSUER = "https://issuer.authz.test";
    static final String AUDIENCE = "authz-suite";
    static final KeyPair KEY = rsaKey();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        String config = String.join("\n",
                "mp.jwt.verify.publickey=" + publicJwk(),
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "jwtguard.realm=authz",
                "jwtguard.error-body=problem");
        WebArchive war = Wars.war("authz", config)
                .addClass(AuthzApp.class)
                .addClasses(Shapes.class.getDeclaredClasses())
                .addClass(Shapes.class);
        return war;
    }

    /** @return the public JWK of the suite's signing key */
    static String publicJwk() {
        return new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) KEY.getPublic()).toJson();
    }

    /** @return path, expected status without a token, with the user token, with the admin token */
    @DataProvider(name = "table")
    public static Object[][] table() {
        return new Object[][] {
            // baseline: annotations on the resource class and its methods
            {"plain", 401, 200, 200},
            {"plain/admin", 401, 403, 200},
            {"plain/public", 200, 200, 200},
            {"plain/deny", 403, 403, 403},
            // class-level annotations of an abstract base class cover the methods it declares
            {"inherited/base", 401, 403, 200},
            {"inherited/own", 200, 200, 200},
            {"inherited-deny/base", 403, 403, 403},
            // generic base class: an implemented abstract generic method and an inherited one
            {"generic/item", 401, 403, 200},
            {"generic/inherited", 401, 403, 200},
            // JAX-RS methods declared on an interface
            {"interface/class-level", 401, 403, 200},
            {"interface/method-user", 401, 200, 200},
            {"interface/method-permit", 200, 200, 200},
            // overriding methods: the override's own annotation wins, else the overridden one's
            {"override/narrowed", 401, 403, 200},
            {"override/kept", 401, 200, 200},
            {"override/redeclared", 401, 200, 200},
            // the resource class's own annotation covers methods it inherits unannotated
            {"subclass-roles/from-base", 401, 403, 200},
            // sub-resource locators: the locator's requirements and the sub-resource's both apply
            {"locator/admin-sub", 401, 403, 200},
            {"locator/open-sub", 200, 200, 200},
            {"locator/user-sub", 401, 200, 200},
            {"locator/user-sub/admin", 401, 403, 200},
            {"locator/deny-sub", 403, 403, 403},
            {"locked-locator/sub", 401, 403, 200},
            // JWT Guard's annotations on base classes and interfaces
            {"base-scope/scope", 401, 403, 200},
            {"base-age/fresh", 401, 401, 200},
            {"base-claim/tenant", 401, 403, 200},
            {"interface-scope/scope", 401, 403, 200},
        };
    }

    @Test(dataProvider = "table")
    public void answersAsTheTableSays(String path, int none, int user, int admin) {
        long now = System.currentTimeMillis() / 1000;
        String userToken = token("[\"user\"]", "orders:read", "other", now - 120);
        String adminToken = token("[\"user\",\"admin\"]", "orders:read orders:write", "acme", now);
        List<String> actual = List.of(path + " none=" + status(path, null), path + " user=" + status(path, userToken),
                path + " admin=" + status(path, adminToken));
        List<String> expected = List.of(path + " none=" + none, path + " user=" + user, path + " admin=" + admin);
        assertEquals(actual, expected);
    }

    @Test
    public void everyShapeOfTheAppIsInTheTable() {
        long paths = Stream.of(table()).map(row -> ((String) row[0]).split("/")[0]).distinct().count();
        long resources = Stream.of(Shapes.class.getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(jakarta.ws.rs.Path.class)).count();
        assertEquals(paths, resources, "every @Path shape has rows");
    }

    /** The problem body of each kind of refusal, as this server sends it; a 200 is untouched. */
    @Test
    public void refusalsCarryProblemBodiesOnThisServer() {
        long now = System.currentTimeMillis() / 1000;
        String user = token("[\"user\"]", "orders:read", "other", now - 120);
        String expired = token("[\"user\",\"admin\"]", "orders:read", "acme", now - 1200);
        List<String> wrong = new java.util.ArrayList<>();
        problem(wrong, "plain", null, 401, "\"type\":\"tag:jwtguard.io,2026:problem:no-token\"");
        problem(wrong, "plain/admin", user, 403, "\"reason\":\"MISSING_ROLE\"");
        problem(wrong, "plain/deny", user, 403, "\"type\":\"tag:jwtguard.io,2026:problem:denied\"");
        problem(wrong, "plain", expired, 401, "\"reason\":\"EXPIRED\"");
        problem(wrong, "base-scope/scope", user, 403, "\"reason\":\"INSUFFICIENT_SCOPE\"");
        HttpResponse<String> allowed = send("plain", user);
        if (allowed.statusCode() != 200 || allowed.body().contains("problem")) {
            wrong.add("plain with the user token: " + allowed.statusCode() + " " + allowed.body());
        }
        assertEquals(String.join("\n", wrong), "", "refusals without the expected problem body");
    }

    private void problem(List<String> wrong, String path, String token, int status, String member) {
        HttpResponse<String> response = send(path, token);
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body();
        if (response.statusCode() != status || !type.startsWith("application/problem+json")
                || !body.contains(member) || !body.contains("\"status\":" + status)
                || !response.headers().firstValue("Cache-Control").orElse("").equals("no-store")) {
            wrong.add(path + (token == null ? " without token" : " with a token") + ": " + response.statusCode()
                    + " " + type + " " + body.substring(0, Math.min(body.length(), 160)));
        }
    }

    private HttpResponse<String> send(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toExternalForm() + "api/" + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toExternalForm() + "api/" + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(String groups, String scope, String tenant, long iat) {
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"sub-1\","
                + "\"upn\":\"authz@example.com\",\"groups\":" + groups + ",\"scope\":\"" + scope + "\","
                + "\"tenant\":\"" + tenant + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + iat
                + ",\"exp\":" + (iat + 600) + "}";
        return Jose.jws("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, "RS256", KEY.getPrivate());
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

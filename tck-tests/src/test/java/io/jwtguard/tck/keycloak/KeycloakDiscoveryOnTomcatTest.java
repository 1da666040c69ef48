package io.jwtguard.tck.keycloak;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.keycloak.app.OrdersServlet;
import io.jwtguard.tck.tomcat.ServletOnlyWar;
import io.jwtguard.tck.tomcat.TomcatServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A real Keycloak 26 as the identity provider of a servlet-only application on Tomcat 10.1, which is configured
 * only by environment variables and finds Keycloak's keys only through OpenID Connect discovery of the realm's
 * issuer URL ({@code JWTGUARD_DISCOVERY=true}). Over HTTP: Keycloak's access tokens from the password grant and the
 * client-credentials grant are accepted; realm roles and the {@code orders-api} client roles become one set of
 * groups ({@code realm_access.roles,resource_access.orders-api.roles}) without Keycloak's default roles
 * ({@code jwtguard.groups.exclude}); a role-protected path admits the user with the role and answers 403 to the
 * one without; a token without the {@code orders-api} audience and Keycloak's ID token are refused (401); a new
 * realm key with a higher priority, added through the admin REST API, is picked up through the unknown-kid JWK Set
 * refresh with no failed request, old and new tokens alike.
 *
 * <p>The realm ({@code src/test/resources/keycloak/jwtguard-realm.json}): users {@code alice} (realm role
 * {@code buyer}, client role {@code orders-api/orders-admin}) and {@code bob} (default roles only); public client
 * {@code orders-web} (password grant) and confidential client {@code orders-batch} (client credentials, its service
 * account has {@code orders-admin}), both with an audience mapper adding {@code orders-api}; public client
 * {@code other-web} without it. Runs in the profile {@code keycloak} (execution {@code keycloak-suite}).
 */
public class KeycloakDiscoveryOnTomcatTest {
    private static final String AUDIENCE = "orders-api";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final KeycloakServer keycloak = new KeycloakServer();
    /** Every token sent, to look for in the logs at the end. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private TomcatServer tomcat;

    @BeforeClass
    public void startKeycloakAndTomcat() throws Exception {
        long started = System.nanoTime();
        boolean reused = keycloak.reusedAugmentation();
        keycloak.start();
        System.out.println("KeycloakDiscoveryOnTomcatTest: Keycloak ready after " + keycloak.startTime().toMillis()
                + " ms (" + (reused ? "augmentation of an earlier run re-used" : "first run: augmented") + ")");
        tomcat = TomcatServer.prepare("keycloak");
        ServletOnlyWar.write(tomcat.webapps(), "app", OrdersServlet.class);
        long tomcatStarted = System.nanoTime();
        tomcat.start(Map.of(
                // only the issuer, its audience and discovery: no key, no key location
                "MP_JWT_VERIFY_ISSUER", keycloak.issuer(),
                "MP_JWT_VERIFY_AUDIENCES", AUDIENCE,
                "JWTGUARD_DISCOVERY", "true",
                "JWTGUARD_GROUPS_CLAIM_PATH", "realm_access.roles,resource_access." + AUDIENCE + ".roles",
                "JWTGUARD_GROUPS_EXCLUDE", "default-roles-*,offline_access,uma_authorization",
                // the default, written out: an unknown kid may cause a fetch at once (3 in a burst), then one per 10 s
                "JWTGUARD_JWKS_UNKNOWN_KID_MIN_INTERVAL", "PT10S",
                "JWTGUARD_SERVLET_FILTER_ENABLED", "true",
                "JWTGUARD_SERVLET_FILTER_REQUIRED_PATTERNS", "/members/*"));
        System.out.println("KeycloakDiscoveryOnTomcatTest: Tomcat answered after "
                + Duration.ofNanos(System.nanoTime() - tomcatStarted).toMillis() + " ms; both servers "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    @AfterClass(alwaysRun = true)
    public void stopServers() {
        try {
            if (tomcat != null) {
                tomcat.close();
            }
        } finally {
            keycloak.close();
        }
    }

    private String password(String client, String user, String scope) throws Exception {
        JsonObject reply = keycloak.token(Map.of("grant_type", "password", "client_id", client, "username", user,
                "password", "test-only-" + user, "scope", scope));
        return reply.getString("access_token");
    }

    private String alice() throws Exception {
        return password("orders-web", "alice", "profile");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.url() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            sent.add(token);
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject part(String token, int index) {
        return KeycloakServer.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]),
                StandardCharsets.UTF_8));
    }

    @Test
    public void discoveryDocumentNamesTheRealmAsIssuer() throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuer()
                + "/.well-known/openid-configuration")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(reply.statusCode(), 200);
        assertEquals(KeycloakServer.json(reply.body()).getString("issuer"), keycloak.issuer());
    }

    @Test
    public void passwordGrantTokenThenAcceptedWithRealmAndClientRolesWithoutDefaultRoles() throws Exception {
        String token = alice();
        JsonObject claims = part(token, 1);
        // what Keycloak put in: the default roles are there, and the audience from the mapper besides 'account'
        assertTrue(claims.getJsonObject("realm_access").getJsonArray("roles").toString()
                .contains("default-roles-" + KeycloakServer.REALM), claims.getJsonObject("realm_access").toString());
        assertTrue(claims.getJsonArray("aud").contains(Json.createValue(AUDIENCE)), claims.get("aud").toString());

        HttpResponse<String> reply = get("app/members/whoami", token);
        assertEquals(reply.statusCode(), 200, reply.body());
        assertEquals(reply.body(), "alice|azp=orders-web|groups=buyer,orders-admin");
    }

    @Test
    public void userWithoutClientRoleThenNoGroupsAnd403OnTheAdminPath() throws Exception {
        String token = password("orders-web", "bob", "profile");
        HttpResponse<String> whoami = get("app/members/whoami", token);
        assertEquals(whoami.statusCode(), 200, whoami.body());
        assertEquals(whoami.body(), "bob|azp=orders-web|groups=");
        assertEquals(get("app/members/orders/admin", token).statusCode(), 403);
        HttpResponse<String> admin = get("app/members/orders/admin", alice());
        assertEquals(admin.statusCode(), 200, admin.body());
        assertEquals(admin.body(), "admin:alice");
    }

    @Test
    public void clientCredentialsTokenThenAcceptedAsTheServiceAccount() throws Exception {
        String token = keycloak.token(Map.of("grant_type", "client_credentials", "client_id", "orders-batch",
                "client_secret", "test-only-orders-batch-secret")).getString("access_token");
        HttpResponse<String> reply = get("app/members/whoami", token);
        assertEquals(reply.statusCode(), 200, reply.body());
        assertEquals(reply.body(), "service-account-orders-batch|azp=orders-batch|groups=orders-admin");
        assertEquals(get("app/members/orders/admin", token).statusCode(), 200);
    }

    @Test
    public void noTokenThen401() throws Exception {
        HttpResponse<String> reply = get("app/members/whoami", null);
        assertEquals(reply.statusCode(), 401);
        assertTrue(reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "),
                reply.headers().map().toString());
    }

    @Test
    public void tokenWithoutTheAudienceMapperThen401() throws Exception {
        // bob: Keycloak's "audience resolve" mapper adds a client to aud when the token carries one of its client
        // roles, so alice's token of other-web names orders-api anyway; bob has none, so only 'account' is left
        String token = password("other-web", "bob", "profile");
        JsonValue aud = part(token, 1).get("aud");
        assertEquals(aud instanceof JsonString ? ((JsonString) aud).getString() : aud.toString(), "account");
        HttpResponse<String> reply = get("app/members/whoami", token);
        assertEquals(reply.statusCode(), 401, reply.body());
        assertTrue(challenge(reply).contains("error=\"invalid_token\""), challenge(reply));
    }

    @Test
    public void idTokenAsAccessTokenThen401NamingTheIdToken() throws Exception {
        JsonObject reply = keycloak.token(Map.of("grant_type", "password", "client_id", "orders-web",
                "username", "alice", "password", "test-only-alice", "scope", "openid profile"));
        String idToken = reply.getString("id_token");
        // what makes it an ID token: header typ JWT (as the access token's), payload typ ID and at_hash
        assertEquals(part(idToken, 0).getString("typ"), "JWT");
        assertEquals(part(idToken, 1).getString("typ"), "ID");
        assertTrue(part(idToken, 1).containsKey("at_hash"));
        assertEquals(part(reply.getString("access_token"), 1).getString("typ"), "Bearer");

        HttpResponse<String> refused = get("app/members/whoami", idToken);
        assertEquals(refused.statusCode(), 401, refused.body());
        // RejectionReason.ID_TOKEN_CLAIM (the kind check runs before the audience check; aud is orders-web)
        assertTrue(challenge(refused).contains("error_description=\"ID tokens are not accepted as access tokens\""),
                challenge(refused));
        assertEquals(get("app/members/whoami", reply.getString("access_token")).statusCode(), 200);
    }

    private static String challenge(HttpResponse<String> reply) {
        return reply.headers().firstValue("WWW-Authenticate").orElse("(none)");
    }

    /** Runs after the others: it changes the realm's signing key. */
    @Test(priority = 10)
    public void newRealmKeyWithHigherPriorityThenPickedUpWithoutAFailedRequest() throws Exception {
        String old = alice();
        String oldKid = part(old, 0).getString("kid");
        assertEquals(get("app/members/whoami", old).statusCode(), 200);

        String realmId = KeycloakServer.json(keycloak.admin("GET", KeycloakServer.REALM, null).body())
                .getString("id");
        HttpResponse<String> created = keycloak.admin("POST", KeycloakServer.REALM + "/components",
                "{\"name\":\"rotated-rsa\",\"providerId\":\"rsa-generated\","
                        + "\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + realmId + "\","
                        + "\"config\":{\"priority\":[\"500\"],\"enabled\":[\"true\"],\"active\":[\"true\"],"
                        + "\"keySize\":[\"2048\"],\"algorithm\":[\"RS256\"]}}");
        assertEquals(created.statusCode(), 201, created.body());
        List<String> signingKids = new ArrayList<>();
        for (JsonValue key : keycloak.jwks().getJsonArray("keys")) {
            if ("sig".equals(key.asJsonObject().getString("use", ""))) {
                signingKids.add(key.asJsonObject().getString("kid"));
            }
        }
        assertEquals(signingKids.size(), 2, signingKids.toString());

        String fresh = alice();
        String newKid = part(fresh, 0).getString("kid");
        assertNotEquals(newKid, oldKid);
        assertTrue(signingKids.contains(newKid), signingKids + " " + newKid);

        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (String token : List.of(fresh, old)) {
                HttpResponse<String> reply = get("app/members/whoami", token);
                if (reply.statusCode() != 200) {
                    failures.add("round " + round + " " + (token == fresh ? "new" : "old") + " kid: "
                            + reply.statusCode() + " " + challenge(reply));
                }
            }
        }
        assertEquals(failures, List.of());
        // and a token issued after the first new-kid request is served too
        assertEquals(get("app/members/orders/admin", alice()).statusCode(), 200);
    }

    /** Last: the logs of both servers hold no token, and Tomcat's no SEVERE line. */
    @Test(priority = 20)
    public void logsHoldNoTokenAndNoSevereLine() throws Exception {
        assertFalse(sent.isEmpty());
        List<Path> files = new ArrayList<>(tomcat.logFiles());
        files.add(keycloak.log());
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String token : sent) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertFalse(text.contains(signature), "a token's signature in " + file.getFileName());
            }
        }
        for (String line : tomcat.consoleLines()) {
            assertFalse(line.contains("SEVERE"), line);
        }
    }
}

package io.jwtguard.tck.servers;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.jwtguard.tck.harness.Wars;
import io.jwtguard.tck.hostile.Jose;
import io.jwtguard.tck.servers.probe.ProbeApp;
import io.jwtguard.tck.servers.probe.ProbeResource;
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
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.testng.Arquillian;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.RsaJsonWebKey;
import org.testng.annotations.Test;

/**
 * Who verifies a bearer token on a server that ships its own MicroProfile JWT (run on TomEE by the
 * profile {@code tomee-tck}, execution {@code coexistence-suite}): an MP-JWT application with
 * JWT Guard in {@code WEB-INF/lib} answers, from inside the server, which filters and request
 * wrappers handled the request, which {@code JsonWebToken} bean CDI resolves, and whether the
 * server's own verifier ran ({@link ProbeResource}). The server's configuration is the same
 * {@code mp.jwt.verify.*} as JWT Guard's, so both could verify.
 *
 * <p>The discriminating token has no {@code sub} claim: MicroProfile JWT does not require one and
 * JWT Guard accepts it (the principal comes from {@code upn}); TomEE's verifier requires
 * {@code sub}. The server's answers are printed (surefire's {@code *-output.txt}).
 */
@RunAsClient
public class ServerCoexistenceTest extends Arquillian {
    static final String ISSUER = "https://issuer.coexistence.test";
    static final String AUDIENCE = "coexistence";
    static final KeyPair KEY = rsaKey();
    static final KeyPair OTHER_KEY = rsaKey();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        String config = String.join("\n",
                "mp.jwt.verify.publickey=" + new RsaJsonWebKey((RSAPublicKey) KEY.getPublic()).toJson(),
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "jwtguard.realm=coexistence");
        return Wars.war("coexistence", config).addClasses(ProbeApp.class, ProbeResource.class);
    }

    @Test
    public void aValidTokenIsVerifiedByJwtGuardOnly() {
        HttpResponse<String> response = get(token(true, KEY));
        print("valid token", response);
        assertEquals(response.statusCode(), 200, redacted(response));
        assertTrue(response.body().contains("jsonwebtoken-resolved=io.jwtguard."), redacted(response));
        assertTrue(response.body().contains("injected-token-name=probe@example.com"), redacted(response));
        assertTrue(response.body().contains("server-verified-after-servlet=false"), redacted(response));
    }

    @Test
    public void theContainersCallerPrincipalIsTheTokenWithTheSameRoles() {
        HttpResponse<String> response = get(token(true, KEY));
        print("caller principal", response);
        assertEquals(response.statusCode(), 200, redacted(response));
        for (String line : new String[] {"injected-principal-is-token=true", "jaxrs-principal-is-token=true",
                "jakarta-security-caller-is-token=true", "jakarta-security-in-role-user=true",
                "jakarta-security-in-role-admin=false", "jaxrs-in-role-user=true", "jaxrs-in-role-admin=false",
                "servlet-in-role-user=true"}) {
            assertTrue(response.body().contains(line), line + ": " + redacted(response));
        }
    }

    @Test
    public void aTokenWithoutSubjectIsAcceptedAsJwtGuardDecides() {
        HttpResponse<String> response = get(token(false, KEY));
        print("token without sub", response);
        assertEquals(response.statusCode(), 200, redacted(response));
        assertTrue(response.body().contains("server-verified-after-servlet=false"), redacted(response));
    }

    @Test
    public void aForgedTokenIsRefusedByJwtGuard() {
        HttpResponse<String> response = get(token(true, OTHER_KEY));
        print("forged signature", response);
        assertEquals(response.statusCode(), 401, redacted(response));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("")
                .startsWith("Bearer realm=\"coexistence\", error=\"invalid_token\""), response.headers().toString());
    }

    @Test
    public void noTokenGetsJwtGuardsChallenge() {
        HttpResponse<String> response = get(null);
        print("no token", response);
        assertEquals(response.statusCode(), 401, redacted(response));
        assertEquals(response.headers().firstValue("WWW-Authenticate").orElse(""), "Bearer realm=\"coexistence\"");
    }

    @Test
    public void anAnonymousRequestSeesNoCaller() {
        HttpResponse<String> response = get("api/probe/anonymous", null);
        print("no token, @PermitAll", response);
        assertEquals(response.statusCode(), 200, redacted(response));
        assertTrue(response.body().contains("jaxrs-principal=null"), redacted(response));
        assertTrue(response.body().contains("servlet-principal=null"), redacted(response));
    }

    private static void print(String what, HttpResponse<String> response) {
        System.out.println("=== " + what + ": " + response.statusCode() + " WWW-Authenticate="
                + response.headers().firstValue("WWW-Authenticate").orElse("-") + "\n" + redacted(response));
    }

    /** The answer's body, any token in it replaced (TomEE's own 401 page quotes the whole token). */
    private static String redacted(HttpResponse<String> response) {
        return response.body().replaceAll("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*", "<a token>");
    }

    private HttpResponse<String> get(String token) {
        return get("api/probe", token);
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toExternalForm() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(boolean withSubject, KeyPair key) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\","
                + (withSubject ? "\"sub\":\"sub-1\"," : "")
                + "\"upn\":\"probe@example.com\",\"groups\":[\"user\"],\"jti\":\"" + UUID.randomUUID()
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        return Jose.jws("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, "RS256", key.getPrivate());
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

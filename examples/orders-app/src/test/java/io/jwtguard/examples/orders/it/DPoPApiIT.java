package io.jwtguard.examples.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example's DPoP answers over HTTP, for a client that is not the page: proofs made by Nimbus
 * (an independent implementation of RFC 9449). Login and refresh with a proof issue tokens bound to
 * its key ({@code token_type} {@code DPoP}, {@code cnf.jkt}); the API wants the proof with every
 * call; the refresh family wants the same key; and without a proof the example still issues and
 * accepts bearer tokens ({@code allowed}), the browser fallback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPApiIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return OrdersDeployment.war();
    }

    /** A client with its own P-256 key that signs proofs with it. */
    private static final class Client {
        private final ECKey key;
        private final DefaultDPoPProofFactory proofs;

        Client() {
            try {
                key = new ECKeyGenerator(Curve.P_256).generate();
                proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        String thumbprint() {
            try {
                return key.computeThumbprint().toString();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A proof for a token request (no {@code ath}). */
        String proof(String method, String path) {
            try {
                return proofs.createDPoPJWT(method, URI.create(Http.BASE + path)).serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A proof for a resource request with {@code token} ({@code ath}). */
        String proof(String method, String path, String token) {
            try {
                return proofs.createDPoPJWT(method, URI.create(Http.BASE + path), new DPoPAccessToken(token)).serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        Http.Reply login(String user, String password) {
            return Http.to("auth/login").header("DPoP", proof("POST", "auth/login")).param("username", user)
                    .param("password", password).post();
        }

        Http.Reply me(String token) {
            return Http.to("api/me").header("Authorization", "DPoP " + token).header("DPoP", proof("GET", "api/me", token))
                    .get();
        }

        Http.Reply refresh(String cookie) {
            return Http.to("oauth/token").header("DPoP", proof("POST", "oauth/token"))
                    .param("grant_type", "refresh_token").refreshCookie(cookie).post();
        }
    }

    private static Http.Reply refreshWithoutProof(String cookie) {
        return Http.to("oauth/token").param("grant_type", "refresh_token").refreshCookie(cookie).post();
    }

    private static JsonObject claims(String token) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static Http.Reply boundLogin(Client client) {
        Http.Reply login = client.login("alice", "wonderland");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login;
    }

    @Test
    void loginWithProofIssuesATokenBoundToTheKey() {
        Client client = new Client();

        Http.Reply login = boundLogin(client);

        assertThat(login.json().getString("token_type")).isEqualTo("DPoP");
        assertThat(claims(login.accessToken()).getJsonObject("cnf").getString("jkt")).isEqualTo(client.thumbprint());
        assertThat(login.refreshCookie()).isPresent();
        Http.Reply me = client.me(login.accessToken());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo("alice");
    }

    @Test
    void boundTokenWithoutItsKeyThen401() {
        Client client = new Client();
        String token = boundLogin(client).accessToken();

        Http.Reply noProof = Http.to("api/me").header("Authorization", "DPoP " + token).get();
        Http.Reply asBearer = Http.to("api/me").bearer(token).get();
        Http.Reply otherKey = new Client().me(token);

        assertThat(noProof.status()).isEqualTo(401);
        assertThat(noProof.challenge()).startsWith("DPoP realm=\"orders\", algs=\"ES256\"")
                .contains("error=\"invalid_dpop_proof\"");
        assertThat(asBearer.status()).isEqualTo(401);
        assertThat(asBearer.challenge()).contains("error=\"invalid_token\"");
        assertThat(otherKey.status()).isEqualTo(401);
        assertThat(otherKey.challenge()).contains("error=\"invalid_token\"");
        assertThat(client.me(token).status()).as("control: the key's holder").isEqualTo(200);
    }

    @Test
    void proofReplayedThen401() {
        Client client = new Client();
        String token = boundLogin(client).accessToken();
        String proof = client.proof("GET", "api/me", token);

        Http.Reply first = Http.to("api/me").header("Authorization", "DPoP " + token).header("DPoP", proof).get();
        Http.Reply second = Http.to("api/me").header("Authorization", "DPoP " + token).header("DPoP", proof).get();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.challenge()).contains("error=\"invalid_dpop_proof\"").contains("already used");
    }

    @Test
    void loginWithProofForAnotherUrlThen400AndNothingIssued() {
        Client client = new Client();

        Http.Reply login = Http.to("auth/login").header("DPoP", client.proof("POST", "oauth/token"))
                .param("username", "alice").param("password", "wonderland").post();

        assertThat(login.status()).as(login.toString()).isEqualTo(400);
        assertThat(login.json().getString("error")).isEqualTo("invalid_dpop_proof");
        assertThat(login.refreshCookie()).isEmpty();
        assertThat(login.json().containsKey("access_token")).isFalse();
    }

    @Test
    void refreshOfABoundLoginNeedsAProofOfTheSameKey() {
        Client client = new Client();
        String cookie = boundLogin(client).refreshCookie().orElseThrow();

        Http.Reply withoutProof = refreshWithoutProof(cookie);
        Http.Reply otherKey = new Client().refresh(cookie);

        assertThat(withoutProof.status()).as(withoutProof.toString()).isEqualTo(400);
        assertThat(withoutProof.refreshCookie()).isNotPresent();
        assertThat(otherKey.status()).as(otherKey.toString()).isEqualTo(400);
        assertThat(otherKey.json().getString("error")).isEqualTo("invalid_dpop_proof");
        assertThat(otherKey.refreshCookie()).isNotPresent();
        // the refusals changed nothing: the key's holder still refreshes with the same cookie
        Http.Reply control = client.refresh(cookie);
        assertThat(control.status()).as(control.toString()).isEqualTo(200);
    }

    @Test
    void logoutOfABoundLoginNeedsAProofOfTheKey() {
        Client client = new Client();
        String cookie = boundLogin(client).refreshCookie().orElseThrow();

        Http.Reply withoutProof = Http.to("oauth/revoke").refreshCookie(cookie).post();
        Http.Reply logout = Http.to("oauth/revoke").header("DPoP", client.proof("POST", "oauth/revoke"))
                .refreshCookie(cookie).post();

        assertThat(withoutProof.status()).as(withoutProof.toString()).isEqualTo(400);
        assertThat(logout.status()).as("the family outlived the refused logout: " + logout).isEqualTo(200);
        assertThat(client.refresh(cookie).status()).isEqualTo(400);
    }

    @Test
    void refreshWithTheSameKeyRotatesAndStaysBound() {
        Client client = new Client();
        Http.Reply login = boundLogin(client);
        String first = login.refreshCookie().orElseThrow();

        Http.Reply refreshed = client.refresh(first);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().getString("token_type")).isEqualTo("DPoP");
        String second = refreshed.refreshCookie().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        String token = refreshed.accessToken();
        assertThat(claims(token).getString("jti")).isNotEqualTo(claims(login.accessToken()).getString("jti"));
        assertThat(claims(token).getJsonObject("cnf").getString("jkt")).isEqualTo(client.thumbprint());
        assertThat(client.me(token).status()).isEqualTo(200);
        assertThat(client.refresh(second).status()).isEqualTo(200);
    }

    @Test
    void withoutProofTheExampleStillIssuesAndAcceptsBearerTokens() {
        // jwtguard.dpop.mode=allowed and jwtguard.endpoints.dpop=allowed: the page's fallback
        Http.Reply login = Http.to("auth/login").param("username", "bob").param("password", "builder").post();

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().getString("token_type")).isEqualTo("Bearer");
        assertThat(claims(login.accessToken()).containsKey("cnf")).isFalse();
        Http.Reply me = Http.to("api/me").bearer(login.accessToken()).get();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
    }
}

package io.jwtguard.runtime.it.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.testing.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;

/** HTTP scenarios against a deployment of {@link EndpointDeployments}. */
public final class EndpointScenarios {
    static final String COOKIE = "__Host-jwtguard-refresh";
    private final URL base;

    public EndpointScenarios(URL base) {
        this.base = base;
    }

    private Forms.Reply login(String user) {
        Forms.Reply reply = Forms.to(base, "/login").param("username", user).param("password", "secret").post();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private String whoami(String accessToken) {
        return Http.get(base, "whoami").bearer(accessToken).send().body();
    }

    private int whoamiStatus(String accessToken) {
        return Http.get(base, "whoami").bearer(accessToken).send().status();
    }

    private Forms.Reply cookieRefresh(String refreshToken) {
        return Forms.to(base, "/oauth/token").param("grant_type", "refresh_token").sameOrigin()
                .cookie(COOKIE, refreshToken).post();
    }

    public void loginSetsHardenedCookie() {
        Forms.Reply reply = login("alice");

        JsonObject body = reply.json();
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getInt("expires_in")).isEqualTo(300);
        assertThat(body.getString("scope").split(" ")).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(body.containsKey("refresh_token")).isFalse();
        assertThat(reply.header("Cache-Control")).contains("no-store");
        String cookie = reply.setCookies().get(0);
        assertThat(cookie).startsWith(COOKIE + "=").contains("; Path=/;").contains("; Secure").contains("; HttpOnly")
                .contains("; SameSite=Strict").doesNotContain("Domain");
        assertThat(reply.cookieValue(COOKIE).orElseThrow()).matches("[A-Za-z0-9_-]{43}");
        assertThat(whoami(body.getString("access_token"))).startsWith("alice|jwt=true|user=true");
    }

    public void cookieRefreshRotates() {
        String first = login("bob").cookieValue(COOKIE).orElseThrow();

        Forms.Reply refreshed = cookieRefresh(first);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.cookieValue(COOKIE).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshed.json().containsKey("refresh_token")).isFalse();
        assertThat(whoami(refreshed.json().getString("access_token"))).startsWith("bob|jwt=true|user=true");
        assertThat(cookieRefresh(second).status()).isEqualTo(200);
    }

    public void cookieRefreshNeedsCsrfDefence() {
        String token = login("carol").cookieValue(COOKIE).orElseThrow();

        Forms.Reply noHeader = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token")
                .header("Origin", Forms.origin(base)).cookie(COOKIE, token).post();
        Forms.Reply foreign = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token")
                .header("X-JWT-Guard-CSRF", "1").header("Origin", "https://evil.example").cookie(COOKIE, token).post();
        Forms.Reply noOrigin = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token")
                .header("X-JWT-Guard-CSRF", "1").cookie(COOKIE, token).post();

        for (Forms.Reply reply : new Forms.Reply[] {noHeader, foreign, noOrigin}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.setCookies()).isEmpty();
        }
        assertThat(cookieRefresh(token).status()).isEqualTo(200); // nothing was consumed by the refused requests
    }

    public void cookieReuseRevokesFamily() {
        String first = login("dave").cookieValue(COOKIE).orElseThrow();
        Forms.Reply refreshed = cookieRefresh(first);
        String second = refreshed.cookieValue(COOKIE).orElseThrow();
        String access = refreshed.json().getString("access_token");
        assertThat(whoamiStatus(access)).isEqualTo(200);

        Forms.Reply replay = cookieRefresh(first);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().getString("error")).isEqualTo("invalid_grant");
        assertThat(replay.cookieValue(COOKIE)).contains(""); // cleared
        Forms.Reply legit = cookieRefresh(second);
        assertThat(legit.status()).isEqualTo(400);
        assertThat(legit.json().getString("error")).isEqualTo("invalid_grant");
        assertThat(whoamiStatus(access)).isEqualTo(401); // the family's access tokens went with it
    }

    public void revokeAccessTokenEnforced() {
        String access = login("erin").json().getString("access_token");
        assertThat(whoamiStatus(access)).isEqualTo(200); // verified and cached

        Forms.Reply revoked = Forms.to(base, "/oauth/revoke").param("token", access).post();

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(whoamiStatus(access)).isEqualTo(401);
        Http.Reply challenge = Http.get(base, "whoami").bearer(access).send();
        assertThat(challenge.challenge()).contains("error=\"invalid_token\"");
    }

    public void revokeSemantics() {
        assertThat(Forms.to(base, "/oauth/revoke").param("token", "garbage").post().status()).isEqualTo(200);
        assertThat(Forms.to(base, "/oauth/revoke").param("token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .post().status()).isEqualTo(200);
        assertThat(Forms.to(base, "/oauth/revoke").param("token", "a.b.c").post().status()).isEqualTo(200);
        Forms.Reply missing = Forms.to(base, "/oauth/revoke").param("token_type_hint", "refresh_token").sameOrigin()
                .post();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("error")).isEqualTo("invalid_request");
    }

    public void cookieLogout() {
        String token = login("frank").cookieValue(COOKIE).orElseThrow();

        Forms.Reply logout = Forms.to(base, "/oauth/revoke").sameOrigin().cookie(COOKIE, token).post();

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.setCookies()).anySatisfy(c -> assertThat(c).startsWith(COOKIE + "=;").contains("Max-Age=0"));
        assertThat(cookieRefresh(token).status()).isEqualTo(400);
        Forms.Reply crossSite = Forms.to(base, "/oauth/revoke").header("Origin", "https://evil.example")
                .cookie(COOKIE, token).post();
        assertThat(crossSite.status()).isEqualTo(403);
    }

    public void jwksPublicOnly() {
        Forms.Reply reply = Forms.to(base, "/.well-known/jwks.json").get();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/jwk-set+json");
        assertThat(reply.header("Cache-Control").orElseThrow()).contains("max-age=300");
        assertThat(reply.json().getJsonArray("keys")).isNotEmpty();
        for (JsonValue key : reply.json().getJsonArray("keys")) {
            assertThat(key.asJsonObject().keySet()).contains("kid", "kty", "alg", "use").doesNotContain("d");
        }
    }

    public void wrongGrantAndMethod() {
        Forms.Reply password = Forms.to(base, "/oauth/token").param("grant_type", "password").sameOrigin().post();
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().getString("error")).isEqualTo("unsupported_grant_type");
        Forms.Reply get = Forms.to(base, "/oauth/token").get();
        assertThat(get.status()).isEqualTo(405);
        Forms.Reply noCookie = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token").sameOrigin().post();
        assertThat(noCookie.status()).isEqualTo(400);
        assertThat(noCookie.json().getString("error")).isEqualTo("invalid_request");
    }

    private Forms.Reply bodyRefresh(String token) {
        return Forms.to(base, "/oauth/token").param("grant_type", "refresh_token").param("refresh_token", token).post();
    }

    public void bodyRefreshRotates() {
        Forms.Reply login = login("gina");
        assertThat(login.setCookies()).isEmpty();
        String first = login.json().getString("refresh_token");

        Forms.Reply refreshed = bodyRefresh(first);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.setCookies()).isEmpty();
        assertThat(refreshed.json().getString("refresh_token")).isNotEqualTo(first).hasSize(43);
        assertThat(whoami(refreshed.json().getString("access_token"))).startsWith("gina|jwt=true");
        Forms.Reply narrowed = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token")
                .param("refresh_token", refreshed.json().getString("refresh_token")).param("scope", "orders:read").post();
        assertThat(narrowed.json().getString("scope")).isEqualTo("orders:read");
    }

    public void bodyErrorsRevealNothing() {
        String first = login("hank").json().getString("refresh_token");
        bodyRefresh(first);

        Forms.Reply reused = bodyRefresh(first);
        Forms.Reply unknown = bodyRefresh("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).isEqualTo(unknown.body());
        assertThat(reused.json().getString("error")).isEqualTo("invalid_grant");
        assertThat(reused.body()).doesNotContain(first);
    }

    public void bodyRevokeRefreshToken() {
        String token = login("ivy").json().getString("refresh_token");

        assertThat(Forms.to(base, "/oauth/revoke").param("token", token).param("token_type_hint", "refresh_token")
                .post().status()).isEqualTo(200);

        assertThat(bodyRefresh(token).json().getString("error")).isEqualTo("invalid_grant");
    }
}

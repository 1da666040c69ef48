package io.jwtguard.examples.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The orders example on Open Liberty, over HTTP: what a client of the API sees for valid,
 * missing and bad tokens, roles and scopes, and the token life cycle (login, refresh rotation,
 * reuse detection, revocation, logout, step-up).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrdersApiIT {
    static final String NO_TOKEN_CHALLENGE = "Bearer realm=\"orders\", DPoP realm=\"orders\", algs=\"ES256\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return OrdersDeployment.war();
    }

    private static Http.Reply login(String user, String password) {
        return Http.to("auth/login").param("username", user).param("password", password).post();
    }

    private static Http.Reply alice() {
        Http.Reply reply = login("alice", "wonderland");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private static Http.Reply bob() {
        Http.Reply reply = login("bob", "builder");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private static Http.Reply me(String token) {
        return Http.to("api/me").bearer(token).get();
    }

    private static Http.Reply refresh(String cookie) {
        return Http.to("oauth/token").param("grant_type", "refresh_token").refreshCookie(cookie).post();
    }

    @Test
    void meWhenValidTokenThen200WithNameAndGroups() {
        Http.Reply reply = me(alice().accessToken());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("name")).isEqualTo("alice");
        assertThat(reply.json().getJsonArray("groups").getValuesAs(JsonValue::toString))
                .containsExactly("\"admin\"", "\"user\"");
    }

    @Test
    void meWhenNoTokenThen401WithBearerAndDPoPChallenges() {
        Http.Reply reply = Http.to("api/me").get();

        assertThat(reply.status()).isEqualTo(401);
        // jwtguard.dpop.mode=allowed: both schemes (RFC 9449 section 7.2), the page's one algorithm
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN_CHALLENGE);
    }

    @Test
    void meWhenTokenTamperedThen401InvalidToken() {
        String token = alice().accessToken();
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"alice\"", "\"mallory\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Http.Reply reply = me(parts[0] + "." + forged + "." + parts[2]);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"");
        assertThat(reply.body()).doesNotContain(forged);
    }

    @Test
    void meWhenTokenExpiredThen401InvalidToken() {
        String expired = Tokens.alice(Duration.ofMinutes(62), Duration.ofMinutes(60));

        Http.Reply reply = me(expired);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"").contains("expired");
    }

    @Test
    void meWhenWrongIssuerThen401InvalidToken() {
        String foreign = Tokens.sign("alice", List.of("user", "admin"), "orders:read", "https://evil.example",
                Duration.ZERO, Duration.ofMinutes(5));

        Http.Reply reply = me(foreign);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void selfSignedTokenWithRightIssuerIsAcceptedAsControl() {
        // the control for the three refusals above: the same key and claims, nothing wrong
        assertThat(me(Tokens.alice(Duration.ZERO, Duration.ofMinutes(5))).status()).isEqualTo(200);
    }

    @Test
    void pingWhenNoTokenThen200() {
        Http.Reply reply = Http.to("api/ping").get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("pong");
    }

    @Test
    void securePingWhenNoTokenThen401() {
        Http.Reply reply = Http.to("api/ping/secure").get();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).isEqualTo(NO_TOKEN_CHALLENGE);
    }

    @Test
    void securePingWhenValidTokenThen200NamingTheCaller() {
        Http.Reply reply = Http.to("api/ping/secure").bearer(bob().accessToken()).get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("bob");
    }

    @Test
    void adminWhenRoleMissingThen403() {
        Http.Reply reply = Http.to("api/admin").bearer(bob().accessToken()).get();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.challenge()).contains("error=\"insufficient_scope\"");
        assertThat(Http.to("api/admin").bearer(alice().accessToken()).get().status()).isEqualTo(200);
    }

    @Test
    void placeOrderWhenScopeMissingThen403NamingTheScope() {
        Http.Reply reply = Http.to("api/orders").bearer(bob().accessToken()).param("item", "tea").post();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.challenge()).contains("error=\"insufficient_scope\"").contains("scope=\"orders:write\"");
    }

    @Test
    void ordersInjectClaims() {
        String token = alice().accessToken();
        assertThat(Http.to("api/orders").bearer(token).param("item", "tea").post().status()).isEqualTo(200);

        Http.Reply list = Http.to("api/orders").bearer(token).get();

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().getString("owner")).isEqualTo("alice");
        assertThat(list.json().getString("scope").split(" ")).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(list.json().getJsonArray("orders")).isNotEmpty();
    }

    @Test
    void loginWhenPasswordWrongOrUserUnknownThenSame401() {
        Http.Reply wrong = login("alice", "not-her-password");
        Http.Reply unknown = login("nobody", "wonderland");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.setCookies()).isEmpty();
    }

    @Test
    void loginWhenCrossSiteThen403() {
        Http.Reply reply = Http.to("auth/login").param("username", "alice").param("password", "wonderland")
                .header("Origin", "https://evil.example").post();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.setCookies()).isEmpty();
    }

    @Test
    void loginSetsRefreshTokenOnlyInHardenedCookie() {
        Http.Reply reply = alice();

        assertThat(reply.json().containsKey("refresh_token")).isFalse();
        assertThat(reply.json().getInt("expires_in")).isEqualTo(OrdersDeployment.ACCESS_TOKEN_SECONDS);
        assertThat(reply.header("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(reply.setCookies()).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(Http.REFRESH_COOKIE + "=").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Strict").contains("Path=/"));
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        String first = alice().refreshCookie().orElseThrow();

        Http.Reply refreshed = refresh(first);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.refreshCookie().orElseThrow();
        assertThat(second).isNotEqualTo(first).hasSize(43);
        assertThat(me(refreshed.accessToken()).status()).isEqualTo(200);
        assertThat(refresh(second).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenWithoutCsrfHeaderThen403() {
        String cookie = alice().refreshCookie().orElseThrow();

        Http.Reply reply = Http.to("oauth/token").param("grant_type", "refresh_token")
                .header("Cookie", Http.REFRESH_COOKIE + "=" + cookie).header("Origin", Http.ORIGIN).post();

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void refreshWhenRotatedTokenReusedThenFamilyRevoked() {
        String first = alice().refreshCookie().orElseThrow();
        Http.Reply rotated = refresh(first);
        String second = rotated.refreshCookie().orElseThrow();
        String access = rotated.accessToken();
        assertThat(me(access).status()).isEqualTo(200);

        Http.Reply replay = refresh(first);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().getString("error")).isEqualTo("invalid_grant");
        assertThat(refresh(second).json().getString("error")).isEqualTo("invalid_grant");
        Http.Reply afterReuse = me(access);
        assertThat(afterReuse.status()).isEqualTo(401);
        assertThat(afterReuse.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void revokedAccessTokenRefusedOnNextRequest() {
        String access = alice().accessToken();
        assertThat(me(access).status()).isEqualTo(200);

        assertThat(Http.to("oauth/revoke").param("token", access).post().status()).isEqualTo(200);

        Http.Reply next = me(access);
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void logoutRevokesTheRefreshFamilyAndItsAccessTokens() {
        Http.Reply login = alice();
        String cookie = login.refreshCookie().orElseThrow();

        Http.Reply logout = Http.to("oauth/revoke").refreshCookie(cookie).post();

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.refreshCookie()).contains("");
        assertThat(refresh(cookie).status()).isEqualTo(400);
        assertThat(me(login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void adminRevokesEveryTokenOfAUser() {
        Http.Reply bob = bob();
        assertThat(me(bob.accessToken()).status()).isEqualTo(200);

        Http.Reply revoked = Http.to("api/admin/users/bob/revoke").bearer(alice().accessToken()).post();

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(me(bob.accessToken()).status()).isEqualTo(401);
        assertThat(refresh(bob.refreshCookie().orElseThrow()).status()).isEqualTo(400);
        // (a new login in the same second would be refused too: the cut-off is by whole-second iat)
    }

    @Test
    void refundWhenTokenOlderThanMaxAgeThen401StepUp() {
        String fresh = alice().accessToken();
        String id = Http.to("api/orders").bearer(fresh).param("item", "lamp").post().json().getString("id");
        String old = Tokens.alice(Duration.ofMinutes(6), Duration.ofMinutes(10)); // valid, but 6 min old > 5 min

        Http.Reply refused = Http.to("api/orders/" + id + "/refund").bearer(old).post();

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challenge()).contains("error=\"invalid_token\"").contains("too old");
        assertThat(Http.to("api/orders").bearer(old).get().status()).isEqualTo(200); // only the refund is stricter
        Http.Reply stepUp = Http.to("api/orders/" + id + "/refund").bearer(fresh).post();
        assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
        assertThat(stepUp.json().getBoolean("refunded")).isTrue();
    }

    @Test
    void jwksPublishesTheSigningKeyWithoutPrivateParts() {
        Http.Reply reply = Http.to(".well-known/jwks.json").get();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getJsonArray("keys")).anySatisfy(key -> {
            assertThat(key.asJsonObject().getString("kid")).isEqualTo(OrdersDeployment.KID);
            assertThat(key.asJsonObject().keySet()).doesNotContain("d");
        });
    }

    @Test
    void pageIsServedWithContentSecurityPolicy() {
        Http.Reply page = Http.to("").get();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
    }
}

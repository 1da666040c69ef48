package io.jwtguard.runtime.it.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.jwtguard.runtime.testing.DPoPProofs;
import io.jwtguard.runtime.testing.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * DPoP at the token endpoints (RFC 9449 section 5) over real HTTP, against a deployment of
 * {@link EndpointDeployments} whose resources accept DPoP ({@code jwtguard.dpop.mode=allowed}).
 */
public final class DPoPEndpointScenarios {
    private final URL base;
    private final DPoPProofs client = DPoPProofs.newClient();

    public DPoPEndpointScenarios(URL base) {
        this.base = base;
    }

    private String url(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return root + path;
    }

    private Forms login(String user) {
        return Forms.to(base, "/login").param("username", user).param("password", "secret");
    }

    private Forms.Reply login(String user, String proof) {
        return login(user).header("DPoP", proof).post();
    }

    private Forms.Reply bodyRefresh(String refreshToken, Optional<String> proof) {
        Forms form = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token")
                .param("refresh_token", refreshToken);
        proof.ifPresent(p -> form.header("DPoP", p));
        return form.post();
    }

    private static Optional<String> cnfJkt(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonObject claims = Json.createReader(new StringReader(payload)).readObject();
        return claims.containsKey("cnf") ? Optional.of(claims.getJsonObject("cnf").getString("jkt")) : Optional.empty();
    }

    private Http.Reply whoamiWithProof(String accessToken, DPoPProofs key) {
        return Http.get(base, "whoami").header("Authorization", "DPoP " + accessToken)
                .header("DPoP", key.proof("GET", url("whoami"), accessToken)).send();
    }

    private static void invalidDpopProof(Forms.Reply reply, String proof) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getString("error")).isEqualTo("invalid_dpop_proof");
        assertThat(reply.header("Cache-Control")).contains("no-store");
        if (proof != null) {
            assertThat(reply.toString()).doesNotContain(proof);
        }
    }

    /** A login with a proof gets DPoP tokens bound to the key; the token works with the key's proofs only. */
    public void loginWithProofIssuesBoundDpopToken() {
        Forms.Reply reply = login("alice", client.tokenRequestProof(url("login")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.getString("token_type")).isEqualTo("DPoP");
        String access = body.getString("access_token");
        assertThat(cnfJkt(access)).contains(client.thumbprint());
        assertThat(whoamiWithProof(access, client).body()).startsWith("alice|jwt=true|user=true");
        // the stolen token: as a bearer token, and with a thief's own proof
        assertThat(Http.get(base, "whoami").bearer(access).send().status()).isEqualTo(401);
        assertThat(whoamiWithProof(access, DPoPProofs.newClient()).status()).isEqualTo(401);
    }

    /** Without a proof, where DPoP is allowed, the login gets bearer tokens as before. */
    public void loginWithoutProofIssuesBearerToken() {
        Forms.Reply reply = login("bob").post();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("token_type")).isEqualTo("Bearer");
        assertThat(cnfJkt(reply.json().getString("access_token"))).isEmpty();
    }

    /** A proof for another URL or method, a replayed one, or a malformed one: 400 and nothing issued. */
    public void loginWithBadProofIsRefusedWithoutEcho() {
        String otherUrl = client.tokenRequestProof(url("oauth/token"));
        Forms.Reply wrongUrl = login("carol", otherUrl);
        invalidDpopProof(wrongUrl, otherUrl);
        assertThat(wrongUrl.json().getString("error_description")).isEqualTo("The DPoP proof is for another URI");
        assertThat(wrongUrl.setCookies()).isEmpty();
        assertThat(wrongUrl.body()).doesNotContain("access_token");

        String otherMethod = client.proof("GET", url("login"), null);
        invalidDpopProof(login("carol", otherMethod), otherMethod);

        String proof = client.tokenRequestProof(url("login"));
        assertThat(login("carol", proof).status()).isEqualTo(200);
        Forms.Reply replayed = login("carol", proof);
        invalidDpopProof(replayed, proof);
        assertThat(replayed.json().getString("error_description")).isEqualTo("The DPoP proof was already used");

        invalidDpopProof(login("carol", "not.a.proof"), null);
    }

    /**
     * The refresh of a bound family: without a proof or with another key's, 400 and nothing changes
     * (the same refresh token still works); with the key, rotated and the new access token still bound.
     */
    public void bodyRefreshOfBoundFamilyNeedsTheKey() {
        JsonObject login = login("dave", client.tokenRequestProof(url("login"))).json();
        String refresh = login.getString("refresh_token");

        Forms.Reply noProof = bodyRefresh(refresh, Optional.empty());
        invalidDpopProof(noProof, null);
        assertThat(noProof.json().getString("error_description")).contains("bound to a DPoP key");
        DPoPProofs thief = DPoPProofs.newClient();
        String thiefProof = thief.tokenRequestProof(url("oauth/token"));
        Forms.Reply otherKey = bodyRefresh(refresh, Optional.of(thiefProof));
        invalidDpopProof(otherKey, thiefProof);
        assertThat(otherKey.body()).doesNotContain(refresh);

        Forms.Reply refreshed = bodyRefresh(refresh, Optional.of(client.tokenRequestProof(url("oauth/token"))));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().getString("token_type")).isEqualTo("DPoP");
        String access = refreshed.json().getString("access_token");
        assertThat(cnfJkt(access)).contains(client.thumbprint());
        assertThat(whoamiWithProof(access, client).body()).startsWith("dave|");
        assertThat(refreshed.json().getString("refresh_token")).isNotEqualTo(refresh);
    }

    /** An unbound family refreshed with a proof stays a bearer family. */
    public void bodyRefreshOfUnboundFamilyStaysBearer() {
        String refresh = login("erin").post().json().getString("refresh_token");

        Forms.Reply refreshed = bodyRefresh(refresh, Optional.of(client.tokenRequestProof(url("oauth/token"))));

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().getString("token_type")).isEqualTo("Bearer");
        assertThat(cnfJkt(refreshed.json().getString("access_token"))).isEmpty();
    }

    /** Revoking a bound refresh token takes its key's proof: a thief cannot end the session. */
    public void bodyRevokeOfBoundFamilyNeedsTheKey() {
        String refresh = login("fay", client.tokenRequestProof(url("login"))).json().getString("refresh_token");

        Forms.Reply thief = Forms.to(base, "/oauth/revoke").param("token", refresh).post();
        invalidDpopProof(thief, null);
        Forms.Reply stillAlive = bodyRefresh(refresh, Optional.of(client.tokenRequestProof(url("oauth/token"))));
        assertThat(stillAlive.status()).isEqualTo(200);

        String current = stillAlive.json().getString("refresh_token");
        Forms.Reply revoked = Forms.to(base, "/oauth/revoke").param("token", current)
                .header("DPoP", client.tokenRequestProof(url("oauth/revoke"))).post();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Forms.Reply dead = bodyRefresh(current, Optional.of(client.tokenRequestProof(url("oauth/token"))));
        assertThat(dead.status()).isEqualTo(400);
        assertThat(dead.json().getString("error")).isEqualTo("invalid_grant");
    }

    /** Interop: a proof made by the Nimbus OAuth 2.0 SDK is accepted at login, and its key refreshes. */
    public void nimbusProofAcceptedAtLoginAndRefresh() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);

        Forms.Reply reply = login("gus", factory.createDPoPJWT("POST", URI.create(url("login"))).serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("token_type")).isEqualTo("DPoP");
        String access = reply.json().getString("access_token");
        assertThat(cnfJkt(access)).contains(key.computeThumbprint().toString());
        Forms.Reply refreshed = bodyRefresh(reply.json().getString("refresh_token"),
                Optional.of(factory.createDPoPJWT("POST", URI.create(url("oauth/token"))).serialize()));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        // the bound access token is accepted with a Nimbus proof for the resource
        String resourceProof = factory.createDPoPJWT("GET", URI.create(url("whoami")), new DPoPAccessToken(access))
                .serialize();
        assertThat(Http.get(base, "whoami").header("Authorization", "DPoP " + access).header("DPoP", resourceProof)
                .send().body()).startsWith("gus|");
    }

    /** With {@code jwtguard.endpoints.dpop=off} the DPoP header is ignored, even a malformed one: bearer tokens. */
    public void offIgnoresProofs() {
        for (String proof : new String[] {client.tokenRequestProof(url("login")), "not.a.proof"}) {
            Forms.Reply reply = login("lou", proof);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().getString("token_type")).isEqualTo("Bearer");
            assertThat(cnfJkt(reply.json().getString("access_token"))).isEmpty();
        }
    }

    // ---- jwtguard.endpoints.dpop=required, cookie transport ----

    private Forms.Reply cookieRefresh(String refreshToken, Optional<String> proof) {
        Forms form = Forms.to(base, "/oauth/token").param("grant_type", "refresh_token").sameOrigin()
                .cookie(EndpointScenarios.COOKIE, refreshToken);
        proof.ifPresent(p -> form.header("DPoP", p));
        return form.post();
    }

    /** Where DPoP is required, a login without a proof is refused, saying a proof is required. */
    public void requiredLoginWithoutProofIsRefused() {
        Forms.Reply reply = login("hal").post();

        invalidDpopProof(reply, null);
        assertThat(reply.json().getString("error_description")).contains("A DPoP proof is required");
        assertThat(reply.setCookies()).isEmpty();
    }

    /**
     * The browser's flow: cookie login with a proof, cookie refresh with a proof (rotated, still bound),
     * a stolen cookie without the key refused without clearing anything, logout with a proof.
     */
    public void requiredCookieFlowWithProofs() {
        Forms.Reply login = login("ivy", client.tokenRequestProof(url("login")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().getString("token_type")).isEqualTo("DPoP");
        String cookie = login.cookieValue(EndpointScenarios.COOKIE).orElseThrow();

        Forms.Reply stolen = cookieRefresh(cookie, Optional.empty());
        invalidDpopProof(stolen, null);
        assertThat(stolen.setCookies()).isEmpty();
        Forms.Reply thief = cookieRefresh(cookie, Optional.of(DPoPProofs.newClient().tokenRequestProof(url("oauth/token"))));
        invalidDpopProof(thief, null);
        assertThat(thief.setCookies()).isEmpty();

        Forms.Reply refreshed = cookieRefresh(cookie, Optional.of(client.tokenRequestProof(url("oauth/token"))));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().getString("token_type")).isEqualTo("DPoP");
        assertThat(cnfJkt(refreshed.json().getString("access_token"))).contains(client.thumbprint());
        String rotated = refreshed.cookieValue(EndpointScenarios.COOKIE).orElseThrow();
        assertThat(rotated).isNotEqualTo(cookie);

        Forms.Reply logout = Forms.to(base, "/oauth/revoke").sameOrigin().cookie(EndpointScenarios.COOKIE, rotated)
                .header("DPoP", client.tokenRequestProof(url("oauth/revoke"))).post();
        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertThat(logout.setCookies()).anyMatch(c -> c.contains("Max-Age=0"));
        Forms.Reply afterLogout = cookieRefresh(rotated, Optional.of(client.tokenRequestProof(url("oauth/token"))));
        assertThat(afterLogout.status()).isEqualTo(400);
        assertThat(afterLogout.json().getString("error")).isEqualTo("invalid_grant");
    }

    // ---- jwtguard.dpop.nonce=required ----

    /**
     * Server nonces (RFC 9449 sections 8 and 9): a proof without the nonce gets 400 use_dpop_nonce at
     * login and 401 use_dpop_nonce at the resource, each with the nonce in DPoP-Nonce; with it, 200, and
     * the token response hands out a fresh nonce.
     */
    public void noncesRequiredAtLoginAndResource() {
        Forms.Reply first = login("kim", client.tokenRequestProof(url("login")));
        assertThat(first.status()).as(first.toString()).isEqualTo(400);
        assertThat(first.json().getString("error")).isEqualTo("use_dpop_nonce");
        String nonce = first.header("DPoP-Nonce").orElseThrow();
        assertThat(nonce).matches("[A-Za-z0-9_-]{22}");
        Forms.Reply made = login("kim", client.proof("POST", url("login"), null, "not-the-nonce"));
        assertThat(made.status()).isEqualTo(400);
        assertThat(made.json().getString("error")).isEqualTo("use_dpop_nonce");

        Forms.Reply login = login("kim", client.proof("POST", url("login"), null, nonce));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().getString("token_type")).isEqualTo("DPoP");
        assertThat(login.header("DPoP-Nonce")).isPresent();
        String access = login.json().getString("access_token");

        Http.Reply noNonce = Http.get(base, "whoami").header("Authorization", "DPoP " + access)
                .header("DPoP", client.proof("GET", url("whoami"), access)).send();
        assertThat(noNonce.status()).isEqualTo(401);
        assertThat(noNonce.challenge()).startsWith("DPoP ").contains("error=\"use_dpop_nonce\"");
        String resourceNonce = noNonce.header("DPoP-Nonce").orElseThrow();

        Http.Reply withNonce = Http.get(base, "whoami").header("Authorization", "DPoP " + access)
                .header("DPoP", client.proof("GET", url("whoami"), access, resourceNonce)).send();
        assertThat(withNonce.status()).as(withNonce.toString()).isEqualTo(200);
        assertThat(withNonce.body()).startsWith("kim|");
    }
}

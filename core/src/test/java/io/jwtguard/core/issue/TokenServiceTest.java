package io.jwtguard.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.refresh.RefreshFailure;
import io.jwtguard.core.refresh.RefreshRejectedException;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.store.StoreUnavailableException;
import io.jwtguard.core.testing.ForwardingRevocationStore;
import io.jwtguard.core.testing.TokenServiceFixture;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.VerifiedToken;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Issuing, refreshing and revoking through the token service, checked by our own verifier. */
class TokenServiceTest {
    private final TokenServiceFixture node = TokenServiceFixture.inMemory(RefreshSettings.DEFAULTS);

    private TokenPair login() {
        return node.service.issue("alice", TokenServiceFixture.CLIENT, Set.of("orders:read", "orders:write"),
                Set.of("user"));
    }

    @Test
    void issueWhenLoginThenAccessTokenIsShortLivedAtJwtWithAllClaims() {
        TokenPair pair = login();

        VerifiedToken token = node.verifier.verify(pair.accessToken().value());
        assertThat(token.getIssuer()).isEqualTo(TokenServiceFixture.ISSUER);
        assertThat(token.getSubject()).isEqualTo("alice");
        assertThat(token.getAudience()).containsExactly(TokenServiceFixture.AUDIENCE);
        assertThat(token.getExpirationTime() - token.getIssuedAtTime()).isEqualTo(300);
        assertThat(token.getTokenID()).isEqualTo(pair.accessToken().jti()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(token.getGroups()).containsExactly("user");
        assertThat((String) token.getClaim("client_id")).isEqualTo("web");
        assertThat(((String) token.getClaim("scope")).split(" "))
                .containsExactlyInAnyOrder("orders:read", "orders:write");
        JsonObject header = header(pair.accessToken().value());
        assertThat(header.getString("typ")).isEqualTo("at+jwt");
        assertThat(header.getString("alg")).isEqualTo("ES256");
        assertThat(header.getString("kid")).isEqualTo(node.ring.signingKey().keyId());
        assertThat(pair.toString()).doesNotContain(pair.accessToken().value()).doesNotContain(pair.refreshToken().value());
    }

    @Test
    void issueWhenRsaRingThenVerifiesWithRs256() {
        SigningKeyRing rsa = SigningKeyRing.generating(io.jwtguard.core.jose.JwsAlgorithm.RS256, Duration.ofDays(7),
                Duration.ofHours(1), Duration.ofMinutes(6), node.clock);
        io.jwtguard.core.store.InMemoryTokenStore store = new io.jwtguard.core.store.InMemoryTokenStore();
        TokenServiceFixture rsaNode = new TokenServiceFixture(store, store, node.clock, rsa, RefreshSettings.DEFAULTS,
                Duration.ZERO);

        TokenPair pair = rsaNode.service.issue("alice", "web", Set.of(), Set.of());

        assertThat(rsaNode.verifier.verify(pair.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(header(pair.accessToken().value()).getString("alg")).isEqualTo("RS256");
    }

    @Test
    void issueWhenKeyRotatedThenTokensOfOldKeyStillVerifyUntilExpiry() {
        node.clock.advance(Duration.ofDays(7).minusHours(1));
        assertThat(node.ring.publishedKeys()).hasSize(2); // the next key is published an hour ahead
        node.clock.advance(Duration.ofMinutes(58));
        TokenPair before = login();
        node.clock.advance(Duration.ofMinutes(2));
        TokenPair after = login();

        assertThat(header(after.accessToken().value()).getString("kid"))
                .isNotEqualTo(header(before.accessToken().value()).getString("kid"));
        assertThat(node.verifier.verify(after.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(node.verifier.verify(before.accessToken().value()).getSubject()).isEqualTo("alice");
    }

    @Test
    void refreshWhenValidThenNewPairAndOldRefreshTokenDead() {
        TokenPair first = login();
        node.clock.advance(Duration.ofMinutes(4));

        TokenPair second = node.service.refresh(first.refreshToken().value(), "web", null);

        assertThat(node.verifier.verify(second.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(second.scope()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThatThrownBy(() -> node.service.refresh(first.refreshToken().value(), "web", null))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.REUSE_DETECTED));
    }

    @Test
    void refreshWhenLaterThenNewIatButAuthTimeStaysTheLoginTime() {
        TokenPair first = login();
        long loggedInAt = node.verifier.verify(first.accessToken().value()).issuedAt().orElseThrow().getEpochSecond();
        node.clock.advance(Duration.ofMinutes(4));

        VerifiedToken refreshed = node.verifier.verify(
                node.service.refresh(first.refreshToken().value(), "web", null).accessToken().value());

        assertThat(refreshed.issuedAt().orElseThrow().getEpochSecond()).isEqualTo(loggedInAt + 240);
        assertThat((Long) refreshed.getClaim("auth_time")).isEqualTo(loggedInAt);
    }

    @Test
    void refreshWhenNarrowerScopeRequestedThenAccessTokenNarrowedAndWiderRefused() {
        TokenPair first = login();

        TokenPair narrow = node.service.refresh(first.refreshToken().value(), "web", Set.of("orders:read"));
        assertThat((String) node.verifier.verify(narrow.accessToken().value()).getClaim("scope")).isEqualTo("orders:read");

        assertThatThrownBy(() -> node.service.refresh(narrow.refreshToken().value(), "web", Set.of("admin")))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.SCOPE_EXCEEDED));
    }

    @Test
    void refreshWhenWiderScopeRefusedThenNothingRotatedAndSameTokenStillRefreshesWithoutReuse() {
        TokenPair first = login();

        // the attack on the grant: a request for more than was granted must change nothing
        assertThatThrownBy(() -> node.service.refresh(first.refreshToken().value(), "web", Set.of("admin")))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.SCOPE_EXCEEDED));
        assertThatThrownBy(() -> node.service.refresh(first.refreshToken().value(), "web",
                Set.of("orders:read", "admin")))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.SCOPE_EXCEEDED));

        // the legitimate refresh with the same token still works: it was not rotated, nor is it reuse
        TokenPair second = node.service.refresh(first.refreshToken().value(), "web", Set.of("orders:read"));
        assertThat((String) node.verifier.verify(second.accessToken().value()).getClaim("scope"))
                .isEqualTo("orders:read");
        assertThat(node.verifier.verify(first.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(node.events).isEmpty(); // no reuse detected, no family revoked
        assertThat(node.service.refresh(second.refreshToken().value(), "web", null).scope())
                .containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    void issueWhenLoginInSameSecondRightAfterLogoutEverywhereThenNewTokensWorkAndOldOnesDead() {
        TokenPair before = login();
        node.clock.advance(Duration.ofMillis(100));

        node.service.revokeSubject("alice");
        node.clock.advance(Duration.ofMillis(1)); // the same second, 1 ms after "log out everywhere" returned
        TokenPair after = login();

        assertRevoked(before.accessToken().value());
        assertThat(node.verifier.verify(after.accessToken().value()).getSubject()).isEqualTo("alice");
        TokenPair refreshed = node.service.refresh(after.refreshToken().value(), "web", null);
        assertThat(node.verifier.verify(refreshed.accessToken().value()).getSubject()).isEqualTo("alice");
        node.clock.advance(Duration.ofSeconds(1));
        assertThat(node.verifier.verify(after.accessToken().value()).getSubject()).isEqualTo("alice");
        assertRevoked(before.accessToken().value());
    }

    @Test
    void revokeSubjectWhenRefreshWonJustBeforeLogoutAndSignsAfterThenItsAccessTokenRevoked() throws Exception {
        java.util.concurrent.CountDownLatch rotated = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        io.jwtguard.core.store.InMemoryTokenStore store = new io.jwtguard.core.store.InMemoryTokenStore();
        TokenServiceFixture racing = new TokenServiceFixture(pauseAfterRotate(store, rotated, go), store, node.clock,
                node.ring, RefreshSettings.DEFAULTS, Duration.ZERO);
        TokenPair pair = racing.service.issue("alice", "web", Set.of(), Set.of());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<TokenPair> refresh = pool.submit(
                    () -> racing.service.refresh(pair.refreshToken().value(), "web", null));
            assertThat(rotated.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // its CAS won

            racing.service.revokeSubject("alice");
            node.clock.advance(Duration.ofSeconds(1)); // the refresh signs in a later second
            go.countDown();
            TokenPair slipped = refresh.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThatThrownBy(() -> racing.verifier.verify(slipped.accessToken().value()))
                    .isInstanceOfSatisfying(TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.REVOKED));
            assertThatThrownBy(() -> racing.service.refresh(slipped.refreshToken().value(), "web", null))
                    .isInstanceOf(RefreshRejectedException.class);
            TokenPair again = racing.service.issue("alice", "web", Set.of(), Set.of()); // a new login works
            assertThat(racing.verifier.verify(again.accessToken().value()).getSubject()).isEqualTo("alice");
        } finally {
            go.countDown();
            pool.shutdownNow();
        }
    }

    /** A refresh store whose successful rotations report, then wait before returning (the race window). */
    static io.jwtguard.core.store.RefreshTokenStore pauseAfterRotate(io.jwtguard.core.store.RefreshTokenStore store,
            java.util.concurrent.CountDownLatch rotated, java.util.concurrent.CountDownLatch go) {
        return (io.jwtguard.core.store.RefreshTokenStore) java.lang.reflect.Proxy.newProxyInstance(
                TokenServiceTest.class.getClassLoader(), new Class<?>[] {io.jwtguard.core.store.RefreshTokenStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("rotate") && Boolean.TRUE.equals(result)) {
                        rotated.countDown();
                        if (!go.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                    }
                    return result;
                });
    }

    @Test
    void revokeWhenAccessTokenThenRefusedOnNextVerificationEvenFromCache() {
        TokenPair pair = login();
        String access = pair.accessToken().value();
        node.verifier.verify(access); // now cached
        assertThat(node.verifier.cachedTokenCount()).isEqualTo(1);

        assertThat(node.service.revoke(access)).isTrue();

        assertRevoked(access);
        assertThat(node.verifier.cachedTokenCount()).isEqualTo(1); // a hit, and still refused
    }

    @Test
    void revokeWhenRefreshTokenThenFamilyAndItsAccessTokensRevokedOthersNot() {
        TokenPair pair = login();
        TokenPair refreshed = node.service.refresh(pair.refreshToken().value(), "web", null);
        TokenPair otherLogin = login();
        node.verifier.verify(refreshed.accessToken().value()); // cached

        assertThat(node.service.revoke(refreshed.refreshToken().value())).isTrue();

        assertThatThrownBy(() -> node.service.refresh(refreshed.refreshToken().value(), "web", null))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.FAMILY_REVOKED));
        assertRevoked(pair.accessToken().value());
        assertRevoked(refreshed.accessToken().value());
        assertThat(node.verifier.verify(otherLogin.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(node.verifier.verify(otherLogin.accessToken().value()).getClaim("sid").toString())
                .isEqualTo(otherLogin.refreshToken().family().familyId());
    }

    @Test
    void refreshWhenReuseDetectedThenAccessTokensOfFamilyRevokedToo() {
        TokenPair pair = login();
        TokenPair stolen = node.service.refresh(pair.refreshToken().value(), "web", null); // the thief was first

        assertThatThrownBy(() -> node.service.refresh(pair.refreshToken().value(), "web", null))
                .isInstanceOf(RefreshRejectedException.class); // the victim presents the rotated token

        assertRevoked(stolen.accessToken().value());
        assertRevoked(pair.accessToken().value());
    }

    @Test
    void revokeWhenInvalidUnknownForeignOrExpiredThenNothingRevokedAndNoException() {
        TokenPair pair = login();
        String access = pair.accessToken().value();

        assertThat(node.service.revoke(null)).isFalse();
        assertThat(node.service.revoke("")).isFalse();
        assertThat(node.service.revoke("garbage")).isFalse();
        assertThat(node.service.revoke(io.jwtguard.core.refresh.OpaqueTokens.newToken())).isFalse();
        assertThat(node.service.revoke(access.substring(0, access.length() - 4) + "AAAA")).isFalse();
        assertThat(node.service.revoke(io.jwtguard.core.testing.TestConfigs.validRs256())).isFalse();
        node.clock.advance(Duration.ofMinutes(10));
        assertThat(node.service.revoke(access)).isFalse(); // expired: nothing to revoke
    }

    @Test
    void revokeSubjectWhenLogoutEverywhereThenAllAccessAndRefreshTokensOfSubjectDead() {
        TokenPair laptop = login();
        TokenPair phone = login();
        TokenPair bob = node.service.issue("bob", "web", Set.of(), Set.of());
        node.verifier.verify(laptop.accessToken().value());

        assertThat(node.service.revokeSubject("alice")).isEqualTo(2);

        assertRevoked(laptop.accessToken().value());
        assertRevoked(phone.accessToken().value());
        assertThat(node.verifier.verify(bob.accessToken().value()).getSubject()).isEqualTo("bob");
        for (TokenPair pair : new TokenPair[] {laptop, phone}) {
            assertThatThrownBy(() -> node.service.refresh(pair.refreshToken().value(), "web", null))
                    .isInstanceOf(RefreshRejectedException.class);
        }
        node.clock.advance(Duration.ofSeconds(1));
        TokenPair again = login(); // a new login after the cut-off works
        assertThat(node.verifier.verify(again.accessToken().value()).getSubject()).isEqualTo("alice");
    }

    @Test
    void verifyWhenRefreshTokenUsedAsAccessTokenThenRejected() {
        TokenPair pair = login();

        assertThatThrownBy(() -> node.verifier.verify(pair.refreshToken().value()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED_TOKEN));
    }

    @Test
    void refreshWhenListenerAddedThenToldAboutReuse() {
        java.util.List<io.jwtguard.core.refresh.RefreshEvent> seen = new java.util.ArrayList<>();
        node.refresh.addListener(seen::add);
        TokenPair pair = login();
        node.service.refresh(pair.refreshToken().value(), "web", null);

        assertThatThrownBy(() -> node.service.refresh(pair.refreshToken().value(), "web", null))
                .isInstanceOf(RefreshRejectedException.class);
        assertThat(seen).extracting(io.jwtguard.core.refresh.RefreshEvent::type)
                .containsExactly(io.jwtguard.core.refresh.RefreshEventType.REUSE_DETECTED);
    }

    @Test
    void purgeExpiredWhenEverythingExpiredThenStoreEmptied() {
        TokenPair pair = login();
        node.service.revoke(pair.accessToken().value());
        node.service.revokeSubject("alice");
        node.clock.advance(Duration.ofDays(15));

        // family, jti, subject cut-off, and the grant that "log out everywhere" revoked with the family
        assertThat(node.service.purgeExpired()).isEqualTo(4);
    }

    private void assertRevoked(String token) {
        assertThatThrownBy(() -> node.verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REVOKED));
    }

    private static JsonObject header(String jws) {
        String json = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))),
                StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void refreshWhenTheStoreFailsDuringTheRefreshThenNothingRotatedAndTheRetryIsNoReuse() {
        // the fault benchmark's PostgreSQL restart: the rotation committed, a read after it failed, the
        // client got 503, its retry with the token it still held was taken as reuse and the login revoked
        InMemoryTokenStore store = new InMemoryTokenStore();
        AtomicBoolean down = new AtomicBoolean();
        TokenServiceFixture cluster = new TokenServiceFixture(store, failingEpochReads(store, down), node.clock,
                node.ring, RefreshSettings.DEFAULTS, Duration.ZERO);
        TokenPair login = cluster.service.issue("alice", TokenServiceFixture.CLIENT, Set.of("orders:read"), Set.of());

        down.set(true);
        assertThatThrownBy(() -> cluster.service.refresh(login.refreshToken().value(), TokenServiceFixture.CLIENT, null))
                .isInstanceOf(StoreUnavailableException.class);
        down.set(false);
        TokenPair retried = cluster.service.refresh(login.refreshToken().value(), TokenServiceFixture.CLIENT, null);

        assertThat(cluster.verifier.verify(retried.accessToken().value()).getSubject()).isEqualTo("alice");
        assertThat(cluster.service.refresh(retried.refreshToken().value(), TokenServiceFixture.CLIENT, null)
                .refreshToken().value()).isNotEqualTo(retried.refreshToken().value());
    }

    /** The store's revocations, with reads of a subject's epoch failing while {@code down} is set. */
    private static RevocationStore failingEpochReads(InMemoryTokenStore store, AtomicBoolean down) {
        return new ForwardingRevocationStore(store) {
            @Override
            public long subjectEpoch(String subject) {
                if (down.get()) {
                    throw new StoreUnavailableException("database restarting", null);
                }
                return super.subjectEpoch(subject);
            }
        };
    }
}

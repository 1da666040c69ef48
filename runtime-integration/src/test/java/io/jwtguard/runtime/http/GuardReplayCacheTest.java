package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.EndpointSettings;
import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.config.TokenTransport;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPRefusal;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.ReplayCache;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.guard.RuntimeSettings;
import io.jwtguard.runtime.testing.DPoPProofs;
import io.jwtguard.runtime.testing.TestTokens;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The guard checks proofs against the configuration's shared replay cache when it has one (the JDBC
 * cache of a cluster), and a cache that cannot record makes the request 503, never accepted.
 */
class GuardReplayCacheTest {
    private static final String URL = RequestAuthenticatorDPoPTest.URL;
    private final DPoPProofs client = DPoPProofs.newClient();

    /** A shared cache: every node's guard sees the same set; {@code down} makes it fail like a dead database. */
    private static final class SharedCache implements ReplayCache {
        final Set<String> used = new HashSet<>();
        volatile boolean down;

        @Override
        public synchronized boolean firstUse(String key, Instant expiresAt) {
            if (down) {
                throw new VerificationUnavailableException(VerificationUnavailableException.Source.DPOP_REPLAY_CACHE,
                        "database down", null);
            }
            return used.add(key);
        }
    }

    private static JwtGuard node(ReplayCache shared) {
        VerifierConfig config = VerifierConfig.builder()
                .keySource(new StaticKeySource(List.of(VerificationKey.ofPublicKey(null, TestTokens.TRUSTED.getPublic())),
                        "test key"))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256)).issuer(TestTokens.ISSUER)
                .audiences(Set.of(TestTokens.AUDIENCE)).build();
        return JwtGuard.create(new LoadedConfiguration(config, TokenTransport.DEFAULT, Optional.empty(),
                EndpointSettings.DEFAULTS, DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED), Optional.of(shared)),
                RuntimeSettings.load(name -> Optional.empty()));
    }

    private static AuthenticationOutcome send(JwtGuard node, String token, String proof) {
        TokenExtractorTest.Request request = new RequestAuthenticatorDPoPTest.Request()
                .header("Authorization", "DPoP " + token).header("DPoP", proof);
        return node.authenticator().authenticate(request);
    }

    @Test
    void authenticateWhenProofUsedOnOneNodeThenReplayOnTheOtherThroughTheSharedCache() {
        SharedCache shared = new SharedCache();
        JwtGuard nodeA = node(shared);
        JwtGuard nodeB = node(shared);
        String token = TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();
        String proof = client.proof("GET", URL, token);
        assertThat(send(nodeA, token, proof)).isInstanceOf(AuthenticationOutcome.Authenticated.class);
        AuthenticationOutcome replay = send(nodeB, token, proof);
        assertThat(replay).isInstanceOf(AuthenticationOutcome.Rejected.class);
        assertThat(((AuthenticationOutcome.Rejected) replay).reason()).isEqualTo(DPoPRefusal.DPOP_PROOF_REPLAYED);
        assertThat(shared.used).hasSize(1);
        assertThat(send(nodeB, token, client.proof("GET", URL, token)))
                .isInstanceOf(AuthenticationOutcome.Authenticated.class);
    }

    @Test
    void authenticateWhenSharedCacheDownThenUnavailableNotAuthenticated() {
        SharedCache shared = new SharedCache();
        shared.down = true;
        String token = TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();
        assertThat(send(node(shared), token, client.proof("GET", URL, token)))
                .isInstanceOf(AuthenticationOutcome.Unavailable.class);
    }
}

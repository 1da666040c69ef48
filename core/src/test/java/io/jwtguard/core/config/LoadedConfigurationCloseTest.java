package io.jwtguard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.testing.JwksTestServer;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Closing a loaded configuration stops the JWKS refresh threads of every issuer, so an undeployed
 * application leaves no thread behind (a thread keeps its creator's class loader reachable).
 */
class LoadedConfigurationCloseTest {
    private static final String THREAD = "jwtguard-jwks-refresh";

    private static long refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(THREAD) && t.isAlive()).count();
    }

    @Test
    void closeStopsTheBackgroundRefreshThreadsOfEveryIssuer() throws Exception {
        try (JwksTestServer primary = new JwksTestServer(); JwksTestServer partner = new JwksTestServer()) {
            primary.serve(JwksTestServer.jwks("k1", (RSAPublicKey) TestKeys.RSA_2048.getPublic()))
                    .cacheControl("max-age=120");
            partner.serve(JwksTestServer.jwks("p1", (RSAPublicKey) TestKeys.RSA_2048_OTHER.getPublic()))
                    .cacheControl("max-age=120");
            Map<String, String> p = new HashMap<>();
            p.put("mp.jwt.verify.publickey.location", primary.uri().toString());
            p.put("mp.jwt.verify.issuer", TokenFactory.ISSUER);
            p.put("mp.jwt.verify.audiences", TokenFactory.AUDIENCE);
            p.put("jwtguard.issuers", "partner");
            p.put("jwtguard.issuers.partner.issuer", "https://partner.example");
            p.put("jwtguard.issuers.partner.publickey.location", partner.uri().toString());
            p.put("jwtguard.issuers.partner.audiences", TokenFactory.AUDIENCE);
            p.put("jwtguard.jwks.prefetch", "true");
            MutableClock clock = new MutableClock(Instant.now());
            long before = refreshThreads();
            LoadedConfiguration loaded = ConfigLoader.load(name -> Optional.ofNullable(p.get(name)), clock);

            clock.advance(Duration.ofSeconds(100)); // within refresh-ahead of the 120 s lifetime
            loaded.verifier().keySources().get(0).keys();
            loaded.verifier().trustedIssuers().get(0).keySources().get(0).keys();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (primary.requests() + partner.requests() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(primary.requests()).isEqualTo(2); // the prefetch and one background refresh each
            assertThat(partner.requests()).isEqualTo(2);
            assertThat(refreshThreads()).isEqualTo(before + 2);

            loaded.close();
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (refreshThreads() > before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(refreshThreads()).isEqualTo(before);
            loaded.close(); // idempotent
        }
    }
}

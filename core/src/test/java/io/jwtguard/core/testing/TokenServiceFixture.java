package io.jwtguard.core.testing;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.issue.AccessTokenIssuer;
import io.jwtguard.core.issue.AccessTokenSettings;
import io.jwtguard.core.issue.SigningKeyRing;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.refresh.RefreshEvent;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.refresh.RefreshTokenService;
import io.jwtguard.core.revocation.RevocationService;
import io.jwtguard.core.revocation.StoreRevocationCheck;
import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.store.RefreshTokenStore;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.verify.TokenVerifier;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A token service wired by hand, as one node: store, ring, issuer, refresh, revocation, verifier. */
public final class TokenServiceFixture {
    public static final String ISSUER = "https://login.example.com";
    public static final String AUDIENCE = "orders";
    public static final String CLIENT = "web";

    public final MutableClock clock;
    public final SigningKeyRing ring;
    public final RefreshTokenService refresh;
    public final StoreRevocationCheck check;
    public final TokenService service;
    public final TokenVerifier verifier;
    public final List<RefreshEvent> events = new CopyOnWriteArrayList<>();

    public TokenServiceFixture(RefreshTokenStore refreshStore, RevocationStore revocationStore, MutableClock clock,
            SigningKeyRing ring, RefreshSettings settings, Duration pollInterval) {
        this.clock = clock;
        this.ring = ring;
        this.refresh = new RefreshTokenService(refreshStore, settings, clock, events::add);
        this.check = new StoreRevocationCheck(revocationStore, clock, pollInterval, Duration.ZERO);
        RevocationService revocation = new RevocationService(revocationStore, refresh, check, Duration.ofMinutes(61),
                VerifierConfig.DEFAULT_CLOCK_SKEW, clock);
        AccessTokenIssuer issuer = new AccessTokenIssuer(ring, new AccessTokenSettings(ISSUER, Set.of(AUDIENCE),
                AccessTokenSettings.DEFAULT_LIFETIME, AccessTokenSettings.DEFAULT_TYPE), clock);
        this.service = new TokenService(issuer, refresh, revocation, refreshStore, revocationStore, clock, null);
        this.verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(ring.keySource())
                .allowedAlgorithms(EnumSet.of(ring.algorithm()))
                .issuer(ISSUER)
                .audiences(Set.of(AUDIENCE))
                .revocationCheck(check)
                .clock(clock)
                .build());
    }

    /** One node over a fresh in-memory store, ES256 keys generated, clock at {@link TestConfigs#NOW}. */
    public static TokenServiceFixture inMemory(RefreshSettings settings) {
        MutableClock clock = new MutableClock(TestConfigs.NOW);
        InMemoryTokenStore store = new InMemoryTokenStore();
        return new TokenServiceFixture(store, store, clock, ring(clock), settings, Duration.ZERO);
    }

    /** A generated ES256 ring rotating weekly, publishing an hour ahead, keeping old keys 6 minutes. */
    public static SigningKeyRing ring(MutableClock clock) {
        return SigningKeyRing.generating(JwsAlgorithm.ES256, Duration.ofDays(7), Duration.ofHours(1),
                Duration.ofMinutes(6), clock);
    }
}

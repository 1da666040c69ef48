package io.jwtguard.runtime.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** {@code @MaxTokenAge} measures from the login ({@code auth_time}), so refreshing cannot pass a step-up. */
class AccessDecisionStepUpTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair KEY = rsa();
    private static final TokenVerifier VERIFIER = TokenVerifier.create(VerifierConfig.builder()
            .verificationKeys(VerificationKey.ofPublicKey(null, KEY.getPublic()))
            .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
            .issuer("https://issuer.example").audiences(Set.of("orders-api")).clock(CLOCK).build());
    private static final ResourceRequirements FIVE_MINUTES = new ResourceRequirements(false, Set.of(), false,
            Optional.of(Duration.ofMinutes(5)), Set.of(), Map.of());

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VerifiedToken token(long iatSecondsAgo, Long authTimeSecondsAgo) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://issuer.example");
        claims.setSubject("alice");
        claims.setAudience("orders-api");
        claims.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - iatSecondsAgo));
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() - iatSecondsAgo + 300));
        if (authTimeSecondsAgo != null) {
            claims.setClaim("auth_time", NOW.getEpochSecond() - authTimeSecondsAgo);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("RS256");
        jws.setKey(KEY.getPrivate());
        return VERIFIER.verify(jws.getCompactSerialization());
    }

    private static AccessDecision.Kind decide(VerifiedToken token) {
        return AccessDecision.decide(Optional.of(token), FIVE_MINUTES, CLOCK).kind();
    }

    @Test
    void decideWhenRecentLoginThenPermitted() throws Exception {
        assertThat(decide(token(10, 10L))).isEqualTo(AccessDecision.Kind.PERMIT);
    }

    @Test
    void decideWhenFreshlyRefreshedTokenOfAnOldLoginThenStale() throws Exception {
        // iat 10 s ago (just refreshed), but the user logged in an hour ago
        assertThat(decide(token(10, 3600L))).isEqualTo(AccessDecision.Kind.STALE);
    }

    @Test
    void decideWhenNoAuthTimeThenIatDecides() throws Exception {
        assertThat(decide(token(10, null))).isEqualTo(AccessDecision.Kind.PERMIT);
        assertThat(decide(token(301, null))).isEqualTo(AccessDecision.Kind.STALE);
    }
}

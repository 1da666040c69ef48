package io.jwtguard.runtime.security.tomee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.core.verify.VerifierConfig;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * Off TomEE (TomEE's classes are kept off this module's test class path) the caller view changes
 * nothing and loads none of TomEE's classes. On TomEE it is measured by tck-tests' TomEE profile
 * (PrincipalInjectionTest, ServerCoexistenceTest).
 */
class TomEECallerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void showWhenNotTomEEThenNothing() throws Exception {
        try (TomEECaller.Shown shown = TomEECaller.show(token())) {
            assertThat(shown).isSameAs(TomEECaller.NOTHING);
        }
    }

    @Test
    void showWhenNoTokenThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> TomEECaller.show(null));
    }

    private static VerifiedToken token() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, key.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.ES256))
                .issuer("https://issuer.example").audiences(Set.of("orders-api"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://issuer.example");
        claims.setSubject("alice");
        claims.setAudience("orders-api");
        claims.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 300));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("ES256");
        jws.setKey(key.getPrivate());
        return verifier.verify(jws.getCompactSerialization());
    }
}

package io.jwtguard.runtime.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.annotation.RequireDPoP;
import jakarta.annotation.security.RolesAllowed;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** {@code @RequireDPoP}: resolved through overrides like the other annotations, and decided on the outcome's scheme. */
class RequireDPoPTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    interface Api {
        @RequireDPoP
        @RolesAllowed("user")
        String transfer();

        @RolesAllowed("user")
        String list();
    }

    public static class Resource implements Api {
        @Override
        public String transfer() { // no annotation of its own: the interface's @RequireDPoP still applies
            return "t";
        }

        @Override
        public String list() {
            return "l";
        }
    }

    @RequireDPoP
    public static class Strict {
        public String any() {
            return "a";
        }
    }

    private static VerifiedToken token() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, key.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer("https://issuer.example").audiences(Set.of("orders-api")).clock(CLOCK).build());
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://issuer.example");
        claims.setSubject("alice");
        claims.setAudience("orders-api");
        claims.setClaim("groups", java.util.List.of("user"));
        claims.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 300));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("RS256");
        jws.setKey(key.getPrivate());
        return verifier.verify(jws.getCompactSerialization());
    }

    @Test
    void ofWhenOverriddenMethodOrClassCarriesRequireDPoPThenRequired() throws Exception {
        assertThat(ResourceRequirements.of(Resource.class, Resource.class.getMethod("transfer")).dpopRequired()).isTrue();
        assertThat(ResourceRequirements.of(Resource.class, Resource.class.getMethod("list")).dpopRequired()).isFalse();
        ResourceRequirements strict = ResourceRequirements.of(Strict.class, Strict.class.getMethod("any"));
        assertThat(strict.dpopRequired()).isTrue();
        assertThat(strict.authenticationRequired()).isTrue();
    }

    @Test
    void decideWhenBearerThenDpopRequired401AndWhenDpopThenPermit() throws Exception {
        ResourceRequirements transfer = ResourceRequirements.of(Resource.class, Resource.class.getMethod("transfer"));
        VerifiedToken token = token();
        AccessDecision bearer = AccessDecision.decide(Optional.of(token), false, transfer, CLOCK);
        assertThat(bearer.kind()).isEqualTo(AccessDecision.Kind.DPOP_REQUIRED);
        assertThat(bearer.kind().status()).isEqualTo(401);
        assertThat(bearer.challenge("api", "ES256", io.jwtguard.runtime.http.BearerChallenge.noToken("api")).orElseThrow().headerValue()).isEqualTo("DPoP realm=\"api\", "
                + "algs=\"ES256\", error=\"invalid_token\", error_description=\"This resource requires a DPoP-bound token\"");
        assertThat(AccessDecision.decide(Optional.of(token), true, transfer, CLOCK).permitted()).isTrue();
        assertThat(AccessDecision.decide(Optional.empty(), false, transfer, CLOCK).kind())
                .isEqualTo(AccessDecision.Kind.UNAUTHENTICATED);
    }
}

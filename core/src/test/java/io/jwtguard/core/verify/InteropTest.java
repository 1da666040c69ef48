package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens minted by other libraries (smallrye-jwt-build with jose4j, nimbus-jose-jwt) verify. */
class InteropTest {
    private static final Instant IAT = TestConfigs.NOW.minusSeconds(10);
    private static final Instant EXP = TestConfigs.NOW.plusSeconds(290);

    @Test
    void verifyWhenSmallryeRs256ThenAccepted() {
        String token = smallrye(SignatureAlgorithm.RS256, TestKeys.RSA_2048);

        assertStandardClaims(verifier(TestKeys.RSA_2048, JwsAlgorithm.RS256).verify(token));
    }

    @Test
    void verifyWhenSmallryePs256ThenAccepted() {
        String token = smallrye(SignatureAlgorithm.PS256, TestKeys.RSA_2048);

        assertStandardClaims(verifier(TestKeys.RSA_2048, JwsAlgorithm.PS256).verify(token));
    }

    @Test
    void verifyWhenSmallryeEs256ThenAccepted() {
        String token = smallrye(SignatureAlgorithm.ES256, TestKeys.EC_P256);

        assertStandardClaims(verifier(TestKeys.EC_P256, JwsAlgorithm.ES256).verify(token));
    }

    @Test
    void verifyWhenSmallryeEs384ThenAccepted() {
        String token = smallrye(SignatureAlgorithm.ES384, TestKeys.EC_P384);

        assertStandardClaims(verifier(TestKeys.EC_P384, JwsAlgorithm.ES384).verify(token));
    }

    @Test
    void verifyWhenSmallryeWithKidThenAccepted() {
        String token = smallryeClaims().jws().algorithm(SignatureAlgorithm.RS256).keyId("key-1")
                .sign(TestKeys.RSA_2048.getPrivate());
        VerifierConfig config = base()
                .verificationKeys(VerificationKey.ofPublicKey("key-1", TestKeys.RSA_2048.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256)).build();

        assertStandardClaims(TokenVerifier.create(config).verify(token));
    }

    @Test
    void verifyWhenNimbusRs256ThenAccepted() throws Exception {
        String token = nimbus(JWSAlgorithm.RS256, new RSASSASigner(TestKeys.RSA_2048.getPrivate()));

        assertStandardClaims(verifier(TestKeys.RSA_2048, JwsAlgorithm.RS256).verify(token));
    }

    @Test
    void verifyWhenNimbusPs256ThenAccepted() throws Exception {
        String token = nimbus(JWSAlgorithm.PS256, new RSASSASigner(TestKeys.RSA_2048.getPrivate()));

        assertStandardClaims(verifier(TestKeys.RSA_2048, JwsAlgorithm.PS256).verify(token));
    }

    @Test
    void verifyWhenNimbusEs256ThenAccepted() throws Exception {
        String token = nimbus(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) TestKeys.EC_P256.getPrivate()));

        assertStandardClaims(verifier(TestKeys.EC_P256, JwsAlgorithm.ES256).verify(token));
    }

    @Test
    void verifyWhenNimbusEs512ThenAccepted() throws Exception {
        String token = nimbus(JWSAlgorithm.ES512, new ECDSASigner((ECPrivateKey) TestKeys.EC_P521.getPrivate()));

        assertStandardClaims(verifier(TestKeys.EC_P521, JwsAlgorithm.ES512).verify(token));
    }

    @Test
    void verifyWhenNimbusWithAtJwtTypeThenAccepted() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt")).build(), nimbusClaims());
        jwt.sign(new RSASSASigner(TestKeys.RSA_2048.getPrivate()));

        assertStandardClaims(verifier(TestKeys.RSA_2048, JwsAlgorithm.RS256).verify(jwt.serialize()));
    }

    private static void assertStandardClaims(VerifiedToken token) {
        assertThat(token.getName()).isEqualTo("jdoe@example.com");
        assertThat(token.getGroups()).containsExactlyInAnyOrder("user", "admin");
        assertThat(token.getIssuer()).isEqualTo(TokenFactory.ISSUER);
        assertThat(token.getAudience()).containsExactly(TokenFactory.AUDIENCE);
        assertThat(token.getExpirationTime()).isEqualTo(EXP.getEpochSecond());
    }

    private static String smallrye(SignatureAlgorithm algorithm, KeyPair pair) {
        return smallryeClaims().jws().algorithm(algorithm).sign(pair.getPrivate());
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder smallryeClaims() {
        return Jwt.issuer(TokenFactory.ISSUER)
                .upn("jdoe@example.com")
                .audience(TokenFactory.AUDIENCE)
                .groups(Set.of("user", "admin"))
                .issuedAt(IAT)
                .expiresAt(EXP);
    }

    private static String nimbus(JWSAlgorithm algorithm, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(),
                nimbusClaims());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static JWTClaimsSet nimbusClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(TokenFactory.ISSUER)
                .subject("user-1")
                .claim("upn", "jdoe@example.com")
                .audience(TokenFactory.AUDIENCE)
                .claim("groups", List.of("user", "admin"))
                .issueTime(Date.from(IAT))
                .expirationTime(Date.from(EXP))
                .jwtID("id-1")
                .build();
    }

    private static TokenVerifier verifier(KeyPair pair, JwsAlgorithm algorithm) {
        return TokenVerifier.create(base().verificationKeys(VerificationKey.ofPublicKey(null, pair.getPublic()))
                .allowedAlgorithms(EnumSet.of(algorithm)).build());
    }

    private static VerifierConfigBuilder base() {
        return VerifierConfig.builder()
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK);
    }
}

package io.jwtguard.examples.orders.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Access tokens the tests sign themselves with the deployment's key: expired, foreign, old. */
final class Tokens {
    static final String ISSUER = "urn:jwtguard:example:orders";
    static final String AUDIENCE = "orders-api";

    private Tokens() {
    }

    /**
     * @param issuer the {@code iss}
     * @param issuedAgo how long ago it was issued
     * @param lifetime {@code exp - iat}
     */
    static String sign(String subject, List<String> groups, String scope, String issuer, Duration issuedAgo,
            Duration lifetime) {
        return sign(subject, groups, scope, issuer, issuedAgo, lifetime, OrdersDeployment.SIGNING_KEY);
    }

    /** As above, signed with {@code key} ({@code kid} {@link OrdersDeployment#KID}). */
    static String sign(String subject, List<String> groups, String scope, String issuer, Duration issuedAgo,
            Duration lifetime, java.security.KeyPair key) {
        Instant iat = Instant.now().minus(issuedAgo);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(AUDIENCE);
        claims.setClaim("iat", iat.getEpochSecond());
        claims.setClaim("exp", iat.plus(lifetime).getEpochSecond());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringListClaim("groups", groups);
        claims.setClaim("scope", scope);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(OrdersDeployment.KID);
        jws.setHeader("typ", "at+jwt");
        jws.setKey(key.getPrivate());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String alice(Duration issuedAgo, Duration lifetime) {
        return sign("alice", List.of("user", "admin"), "orders:read orders:write", ISSUER, issuedAgo, lifetime);
    }
}

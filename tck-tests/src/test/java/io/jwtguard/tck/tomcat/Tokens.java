package io.jwtguard.tck.tomcat;

import io.jwtguard.tck.hostile.Jose;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Signed tokens for the Tomcat tests, made with the hostile suite's {@link Jose}: one trusted RSA key drawn per
 * test class, one attacker key. Tokens are never written to files.
 */
final class Tokens {
    static final String ISSUER = "https://issuer.tomcat.test";
    static final String AUDIENCE = "tomcat-servlet";
    static final String SUBJECT = "jdoe@example.com";
    private static final String KID = "tomcat-1";

    private final KeyPair trusted = rsa();
    private final KeyPair attacker = rsa();

    /** @return the trusted public key as {@code mp.jwt.verify.publickey} takes it: base64 of its X.509 encoding */
    String publicKey() {
        return Base64.getEncoder().encodeToString(trusted.getPublic().getEncoded());
    }

    /** @return a JWK Set with the trusted public key */
    String jwks() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) trusted.getPublic());
        jwk.setKeyId(KID);
        return "{\"keys\":[" + jwk.toJson() + "]}";
    }

    /** @return a valid token for {@link #SUBJECT} with these groups, valid for 5 minutes */
    String valid(String... groups) {
        long now = Instant.now().getEpochSecond();
        return sign(trusted, claims(ISSUER, groups, now, now + 300));
    }

    /** @return a token signed by the attacker's key, claiming the group {@code admin} */
    String forged() {
        long now = Instant.now().getEpochSecond();
        return sign(attacker, claims(ISSUER, new String[] {"admin"}, now, now + 300));
    }

    /** @return a correctly signed token that expired an hour ago (well past any clock skew) */
    String expired() {
        long now = Instant.now().getEpochSecond();
        return sign(trusted, claims(ISSUER, new String[] {"user"}, now - 7200, now - 3600));
    }

    /** @return a correctly signed, current token from another issuer */
    String wrongIssuer() {
        long now = Instant.now().getEpochSecond();
        return sign(trusted, claims("https://other-issuer.tomcat.test", new String[] {"user"}, now, now + 300));
    }

    private static String claims(String issuer, String[] groups, long iat, long exp) {
        StringBuilder list = new StringBuilder();
        for (String group : groups) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(group).append('"');
        }
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"jdoe\",\"upn\":\"" + SUBJECT
                + "\",\"groups\":[" + list + "],\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + iat
                + ",\"exp\":" + exp + "}";
    }

    private static String sign(KeyPair key, String claims) {
        return Jose.jws("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}", claims, "RS256",
                key.getPrivate());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

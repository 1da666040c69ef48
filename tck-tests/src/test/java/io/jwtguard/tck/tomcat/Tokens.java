package io.jwtguard.tck.tomcat;

import io.jwtguard.testing.TestIssuer;
import io.jwtguard.testing.TokenBuilder;

/**
 * Signed tokens for the Tomcat tests, made with the test kit (jwtguard-testing) as an application team would:
 * one trusted issuer whose RSA key is drawn per test class, and an attacker with the same issuer name but a key
 * of its own. Tokens are never written to files.
 */
final class Tokens {
    static final String ISSUER = "https://issuer.tomcat.test";
    static final String AUDIENCE = "tomcat-servlet";
    static final String SUBJECT = "jdoe@example.com";

    private final TestIssuer trusted = TestIssuer.create(ISSUER, AUDIENCE);
    private final TestIssuer attacker = TestIssuer.create(ISSUER, AUDIENCE);

    /** @return the trusted issuer, for its JWKS server */
    TestIssuer issuer() {
        return trusted;
    }

    /** @return the trusted public keys as {@code mp.jwt.verify.publickey} takes them: a JWK Set on one line */
    String publicKey() {
        return trusted.jwks();
    }

    /** @return a valid token for {@link #SUBJECT} with these groups, valid for 5 minutes */
    String valid(String... groups) {
        return token(trusted).groups(groups).sign();
    }

    /** @return a token signed by the attacker's key, claiming the group {@code admin} */
    String forged() {
        return token(attacker).groups("admin").sign();
    }

    /** @return a correctly signed token that expired 5 minutes ago (beyond the clock skew) */
    String expired() {
        return token(trusted).expired().sign();
    }

    /** @return a correctly signed, current token from another issuer */
    String wrongIssuer() {
        return token(trusted).wrongIssuer().sign();
    }

    private static TokenBuilder token(TestIssuer issuer) {
        return issuer.token().subject(SUBJECT);
    }
}

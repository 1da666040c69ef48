package io.jwtguard.examples.orders.it;

import io.jwtguard.testing.SigningAlgorithm;
import io.jwtguard.testing.TestIssuer;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Access tokens the tests sign themselves with the deployment's key (expired, foreign, old), made with JWT
 * Guard's test kit: {@link TestIssuer#useKeyPair} makes the kit sign with the key of the app's own token
 * service, so the app accepts them as its own.
 */
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
            Duration lifetime, KeyPair key) {
        TestIssuer kit = TestIssuer.create(ISSUER, AUDIENCE);
        kit.useKeyPair(SigningAlgorithm.ES256, key, OrdersDeployment.KID);
        return kit.token().algorithm(SigningAlgorithm.ES256).header("typ", "at+jwt").issuer(issuer)
                .subject(subject).groups(groups.toArray(String[]::new)).scopes(scope.split(" "))
                .issuedAt(Instant.now().minus(issuedAgo)).lifetime(lifetime).sign();
    }

    static String alice(Duration issuedAgo, Duration lifetime) {
        return sign("alice", List.of("user", "admin"), "orders:read orders:write", ISSUER, issuedAgo, lifetime);
    }
}

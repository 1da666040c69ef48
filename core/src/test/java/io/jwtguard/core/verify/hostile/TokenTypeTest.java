package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Explicit typing (RFC 8725 section 3.11, RFC 9068): a token of another kind, validly signed by
 * the same issuer (DPoP proof, logout token, security event, ...), is not an access token.
 * Refresh tokens are opaque random strings, never JWTs.
 */
class TokenTypeTest {
    private final TokenVerifier byDefault = HostileTokens.rsaVerifier();
    private final TokenVerifier strict = TokenVerifier.create(TestConfigs.rsa()
            .typeRequired(true).acceptedTypes(Set.of("at+jwt")).build());

    private static String typed(String typ) {
        return HostileTokens.rs256(typ == null ? "{\"alg\":\"RS256\"}" : "{\"alg\":\"RS256\",\"typ\":\"" + typ + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpop+jwt", "logout+jwt", "JWE", "secevent+jwt", "application/dpop+jwt",
            "application/logout+jwt", "DPOP+JWT", "id_token+jwt", "token-introspection+jwt", "jwt+at", "at+jwt+x", "",
            "application/", "application/at+jwt/x", "JOSE", "JOSE+JSON", "text/plain"})
    void verifyWhenTypIsNotAnAccessTokenTypeThenTypeNotAccepted(String typ) {
        assertRejected(byDefault, typed(typ), RejectionReason.TYPE_NOT_ACCEPTED);
        assertRejected(strict, typed(typ), RejectionReason.TYPE_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt", "application/jwt", "Application/AT+JWT"})
    void verifyWhenTypIsAnAccessTokenTypeThenAcceptedByDefault(String typ) {
        assertAccepted(byDefault, typed(typ));
    }

    @Test
    void verifyWhenTypAbsentThenAcceptedByDefault() {
        assertAccepted(byDefault, typed(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT"})
    void verifyWhenTypeRequiredAndTypIsAtJwtThenAccepted(String typ) {
        assertAccepted(strict, typed(typ));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "application/jwt"})
    void verifyWhenTypeRequiredAndTypIsPlainJwtThenTypeNotAccepted(String typ) {
        assertRejected(strict, typed(typ), RejectionReason.TYPE_NOT_ACCEPTED);
    }

    @Test
    void verifyWhenTypeRequiredAndTypAbsentThenTypeNotAccepted() {
        assertRejected(strict, typed(null), RejectionReason.TYPE_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "null", "[\"at+jwt\"]", "{}", "true"})
    void verifyWhenTypIsNotAStringThenMalformedHeader(String typJson) {
        assertRejected(byDefault, HostileTokens.rs256("{\"alg\":\"RS256\",\"typ\":" + typJson + "}"),
                RejectionReason.MALFORMED_HEADER);
    }

    /** An opaque refresh token (random base64url, no dots) presented as a bearer access token. */
    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64})
    void verifyWhenOpaqueRefreshTokenPresentedThenMalformedToken(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);

        assertRejected(byDefault, Base64Url.encode(random), RejectionReason.MALFORMED_TOKEN);
        assertRejected(strict, Base64Url.encode(random), RejectionReason.MALFORMED_TOKEN);
    }
}

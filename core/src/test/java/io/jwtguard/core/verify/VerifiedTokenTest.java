package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** {@link VerifiedToken} as MicroProfile JWT 2.1's {@link JsonWebToken}, produced by the verifier. */
class VerifiedTokenTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().build());
    private final TokenVerifier realmRoles = TokenVerifier.create(TestConfigs.rsa()
            .groupsClaimPath("realm_access.roles").build());

    // getName: upn > preferred_username > sub (MP-JWT 2.1 section 7.1)

    @Test
    void getNameWhenUpnPreferredUsernameAndSubThenUpn() {
        String token = RawClaims.valid().withString("preferred_username", "jdoe").signRs256();

        assertThat(verifier.verify(token).getName()).isEqualTo("jdoe@example.com");
    }

    @Test
    void getNameWhenNoUpnThenPreferredUsername() {
        String token = RawClaims.valid().without("upn").withString("preferred_username", "jdoe").signRs256();

        assertThat(verifier.verify(token).getName()).isEqualTo("jdoe");
    }

    @Test
    void getNameWhenOnlySubThenSub() {
        String token = RawClaims.valid().without("upn").signRs256();

        assertThat(verifier.verify(token).getName()).isEqualTo("user-1");
    }

    @Test
    void verifyWhenNoPrincipalClaimThenMissingClaim() {
        String token = RawClaims.valid().without("upn").without("sub").signRs256();

        assertRejected(verifier, token, RejectionReason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenPrincipalClaimNotAStringThenInvalidClaim() {
        assertRejected(verifier, RawClaims.valid().withRaw("upn", "42").signRs256(), RejectionReason.INVALID_CLAIM);
        assertRejected(verifier, RawClaims.valid().without("upn").withRaw("preferred_username", "[\"a\"]")
                .signRs256(), RejectionReason.INVALID_CLAIM);
    }

    // groups

    @Test
    void getGroupsWhenDefaultGroupsClaimThenAllGroups() {
        VerifiedToken token = verifier.verify(RawClaims.valid().signRs256());

        assertThat(token.getGroups()).containsExactly("user", "admin");
        assertThat(token.<Set<String>>getClaim("groups")).containsExactly("user", "admin");
    }

    @Test
    void getGroupsWhenClaimPathRealmAccessRolesThenNestedRoles() {
        String token = RawClaims.valid().withRaw("realm_access", "{\"roles\":[\"reader\",\"writer\"]}").signRs256();

        assertThat(realmRoles.verify(token).getGroups()).containsExactly("reader", "writer");
    }

    @Test
    void getGroupsWhenClaimPathMissingThenEmpty() {
        assertThat(realmRoles.verify(RawClaims.valid().signRs256()).getGroups()).isEmpty();
        assertThat(realmRoles.verify(RawClaims.valid().withRaw("realm_access", "{}").signRs256()).getGroups())
                .isEmpty();
        assertThat(realmRoles.verify(RawClaims.valid().withRaw("realm_access", "\"x\"").signRs256()).getGroups())
                .isEmpty();
    }

    @Test
    void getGroupsWhenGroupsClaimAbsentOrNullThenEmpty() {
        assertThat(verifier.verify(RawClaims.valid().without("groups").signRs256()).getGroups()).isEmpty();
        assertThat(verifier.verify(RawClaims.valid().withRaw("groups", "null").signRs256()).getGroups()).isEmpty();
    }

    @Test
    void getGroupsWhenSingleStringThenOneGroup() {
        String token = RawClaims.valid().withString("groups", "admin").signRs256();

        assertThat(verifier.verify(token).getGroups()).containsExactly("admin");
    }

    @Test
    void verifyWhenGroupsHasNonStringMemberThenInvalidClaim() {
        assertRejected(verifier, RawClaims.valid().withRaw("groups", "[\"user\",1]").signRs256(),
                RejectionReason.INVALID_CLAIM);
        assertRejected(verifier, RawClaims.valid().withRaw("groups", "[\"user\",[\"admin\"]]").signRs256(),
                RejectionReason.INVALID_CLAIM);
        assertRejected(realmRoles, RawClaims.valid().withRaw("realm_access", "{\"roles\":[null]}").signRs256(),
                RejectionReason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenGroupsNeitherStringNorArrayThenInvalidClaim() {
        assertRejected(verifier, RawClaims.valid().withRaw("groups", "5").signRs256(), RejectionReason.INVALID_CLAIM);
        assertRejected(verifier, RawClaims.valid().withRaw("groups", "{\"admin\":true}").signRs256(),
                RejectionReason.INVALID_CLAIM);
    }

    @Test
    void getGroupsWhenCalledThenUnmodifiable() {
        Set<String> groups = verifier.verify(RawClaims.valid().signRs256()).getGroups();

        assertThatThrownBy(() -> groups.add("root")).isInstanceOf(UnsupportedOperationException.class);
    }

    // getClaim types

    @Test
    void getClaimWhenExpAndIatThenLong() {
        VerifiedToken token = verifier.verify(RawClaims.valid().signRs256());

        assertThat(token.<Object>getClaim("exp")).isInstanceOf(Long.class).isEqualTo(TestConfigs.NOW.getEpochSecond() + 290);
        assertThat(token.<Object>getClaim(Claims.iat.name())).isInstanceOf(Long.class);
        assertThat(token.getExpirationTime()).isEqualTo(TestConfigs.NOW.getEpochSecond() + 290);
        assertThat(token.getIssuedAtTime()).isEqualTo(TestConfigs.NOW.getEpochSecond() - 10);
    }

    @Test
    void getClaimWhenAudStringThenSetOfOne() {
        VerifiedToken token = verifier.verify(RawClaims.valid().signRs256());

        assertThat(token.<Object>getClaim("aud")).isInstanceOf(Set.class);
        assertThat(token.getAudience()).containsExactly("orders-api");
    }

    @Test
    void getClaimWhenAudArrayThenSetOfAll() {
        VerifiedToken token = verifier.verify(RawClaims.valid().withRaw("aud", "[\"orders-api\",\"billing-api\"]")
                .signRs256());

        assertThat(token.<Set<String>>getClaim("aud")).containsExactly("orders-api", "billing-api");
    }

    @Test
    void getClaimWhenRawTokenThenTheTokenAsSent() {
        String raw = RawClaims.valid().signRs256();
        VerifiedToken token = verifier.verify(raw);

        assertThat(token.<String>getClaim(Claims.raw_token.name())).isEqualTo(raw);
        assertThat(token.getRawToken()).isEqualTo(raw);
    }

    @Test
    void getClaimWhenRegisteredStringsThenStrings() {
        VerifiedToken token = verifier.verify(RawClaims.valid().signRs256());

        assertThat(token.<Object>getClaim("iss")).isEqualTo("https://issuer.example");
        assertThat(token.<Object>getClaim("sub")).isEqualTo("user-1");
        assertThat(token.getSubject()).isEqualTo("user-1");
        assertThat(token.getTokenID()).isEqualTo("id-1");
    }

    @Test
    void getClaimWhenCustomClaimsThenJavaTypes() {
        VerifiedToken token = verifier.verify(RawClaims.valid()
                .withString("tenant", "acme")
                .withRaw("level", "7")
                .withRaw("ratio", "0.25")
                .withRaw("admin", "true")
                .withRaw("locked", "false")
                .withRaw("address", "{\"city\":\"Paris\"}")
                .withRaw("ctx", "{\"n\":1}")
                .withRaw("tags", "[\"a\",1]")
                .withRaw("nothing", "null")
                .signRs256());

        assertThat(token.<Object>getClaim("tenant")).isEqualTo("acme");
        assertThat(token.<Object>getClaim("level")).isInstanceOf(Long.class).isEqualTo(7L);
        assertThat(token.<Object>getClaim("ratio")).isInstanceOf(Double.class).isEqualTo(0.25d);
        assertThat(token.<Object>getClaim("admin")).isEqualTo(Boolean.TRUE);
        assertThat(token.<Object>getClaim("locked")).isEqualTo(Boolean.FALSE);
        assertThat(token.<Object>getClaim("address")).isInstanceOf(JsonObject.class);
        assertThat(token.<JsonObject>getClaim("ctx").getJsonNumber("n")).isInstanceOf(JsonNumber.class);
        assertThat(token.<Object>getClaim("tags")).isInstanceOf(JsonArray.class);
        assertThat(token.<JsonArray>getClaim("tags")).hasSize(2);
        assertThat(token.<Object>getClaim("nothing")).isNull();
        assertThat(token.<Object>getClaim("absent")).isNull();
    }

    @Test
    void getClaimNamesWhenVerifiedThenEveryClaimAndRawToken() {
        VerifiedToken token = verifier.verify(RawClaims.valid().withString("tenant", "acme").signRs256());

        assertThat(token.getClaimNames()).containsExactlyInAnyOrder("iss", "sub", "upn", "aud", "iat", "exp", "jti",
                "groups", "tenant", "raw_token");
        assertThat(token.containsClaim("raw_token")).isTrue();
        assertThat(token.containsClaim("tenant")).isTrue();
        assertThat(token.containsClaim("nbf")).isFalse();
        assertThatThrownBy(() -> token.getClaimNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void expiresAtAndIssuedAtWhenVerifiedThenInstants() {
        VerifiedToken token = verifier.verify(RawClaims.valid().signRs256());

        assertThat(token.expiresAt()).isEqualTo(TestConfigs.NOW.plusSeconds(290));
        assertThat(token.issuedAt()).contains(TestConfigs.NOW.minusSeconds(10));
    }

    @Test
    void toStringWhenVerifiedThenNoRawTokenNorAnySegment() {
        String raw = RawClaims.valid().signRs256();
        String text = verifier.verify(raw).toString();
        String[] segments = raw.split("\\.");

        assertThat(text).doesNotContain(raw).doesNotContain(segments[0]).doesNotContain(segments[1])
                .doesNotContain(segments[2]);
        assertThat(text).contains("jdoe@example.com");
    }

    private static void assertRejected(TokenVerifier verifier, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Groups from several claim paths ({@code jwtguard.groups.claim-path} with commas) merged into one
 * set, and excluded groups ({@code jwtguard.groups.exclude}), globally and per issuer.
 */
class GroupsMappingTest {
    private static final String KEYCLOAK = "https://idp.example/realms/partner";
    /** Keycloak's realm and client roles, with its default roles. */
    private static final String KEYCLOAK_ROLES = "\"realm_access\":{\"roles\":[\"default-roles-partner\","
            + "\"offline_access\",\"uma_authorization\",\"buyer\"]},\"resource_access\":{\"orders\":{\"roles\":"
            + "[\"orders-admin\",\"buyer\"]},\"account\":{\"roles\":[\"manage-account\"]}}";

    private static TokenVerifier load(Map<String, String> p) {
        return TokenVerifier.create(ConfigLoader.load(name -> Optional.ofNullable(p.get(name)), TestConfigs.CLOCK)
                .verifier());
    }

    private static Map<String, String> keycloakPaths() {
        Map<String, String> p = TestKeys.primaryProperties();
        p.put("jwtguard.groups.claim-path", "realm_access.roles, resource_access.orders.roles");
        return p;
    }

    /** A valid primary-issuer token without {@code groups}, plus the raw JSON members {@code claims}. */
    private static String token(String claims) {
        String json = RawClaims.valid().without("groups").json();
        json = claims.isEmpty() ? json : json.substring(0, json.length() - 1) + "," + claims + "}";
        return TokenFactory.sign(TokenFactory.header("RS256"), json, "RS256", TestKeys.RSA_2048.getPrivate());
    }

    private static RejectionReason reason(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        return null;
    }

    // several paths: the union

    @Test
    void getGroupsWhenSeveralPathsThenUnionInPathOrderWithoutDuplicates() {
        VerifiedToken token = load(keycloakPaths()).verify(token(KEYCLOAK_ROLES));

        assertThat(token.getGroups()).containsExactly("default-roles-partner", "offline_access", "uma_authorization",
                "buyer", "orders-admin");
        assertThat(token.<java.util.Set<String>>getClaim("groups")).isEqualTo(token.getGroups());
    }

    @Test
    void getGroupsWhenOnePathAbsentThenOthersStillCount() {
        TokenVerifier verifier = load(keycloakPaths());

        assertThat(verifier.verify(token("\"realm_access\":{\"roles\":[\"buyer\"]}")).getGroups())
                .containsExactly("buyer");
        assertThat(verifier.verify(token("\"resource_access\":{\"orders\":{\"roles\":[\"orders-admin\"]}}"))
                .getGroups()).containsExactly("orders-admin");
        assertThat(verifier.verify(token("\"resource_access\":{\"account\":{\"roles\":[\"x\"]}}")).getGroups())
                .isEmpty();
    }

    @Test
    void getGroupsWhenTopLevelGroupsNotListedThenIgnored() {
        VerifiedToken token = load(keycloakPaths()).verify(token("\"groups\":[\"admin\"],"
                + "\"realm_access\":{\"roles\":[\"buyer\"]}"));

        assertThat(token.getGroups()).containsExactly("buyer");
    }

    @Test
    void verifyWhenAnyListedPathHasWrongTypeThenInvalidClaim() {
        TokenVerifier verifier = load(keycloakPaths());

        assertThat(reason(verifier, token("\"realm_access\":{\"roles\":[\"buyer\"]},"
                + "\"resource_access\":{\"orders\":{\"roles\":5}}"))).isEqualTo(RejectionReason.INVALID_CLAIM);
        assertThat(reason(verifier, token("\"realm_access\":{\"roles\":[\"buyer\",1]},"
                + "\"resource_access\":{\"orders\":{\"roles\":[\"a\"]}}"))).isEqualTo(RejectionReason.INVALID_CLAIM);
        assertThat(reason(verifier, token("\"realm_access\":{\"roles\":{\"buyer\":true}}")))
                .isEqualTo(RejectionReason.INVALID_CLAIM);
    }

    @Test
    void groupsClaimPathsWhenListFormOnBuilderThenSameAsProperty() {
        TokenVerifier built = TokenVerifier.create(TestConfigs.rsa()
                .groupsClaimPaths(List.of("realm_access.roles", "resource_access.orders.roles"))
                .groupsExclude(List.of("default-roles-*", "offline_access", "uma_authorization")).build());

        assertThat(built.verify(token(KEYCLOAK_ROLES)).getGroups()).containsExactly("buyer", "orders-admin");
    }

    @Test
    void groupsClaimPathWhenSinglePathThenBackwardCompatible() {
        VerifierConfig config = TestConfigs.rsa().groupsClaimPath("realm_access.roles").build();

        assertThat(config.groupsClaimPath()).containsExactly("realm_access", "roles");
        assertThat(config.groupsClaimPaths()).containsExactly(List.of("realm_access", "roles"));
        assertThat(TestConfigs.rsa().build().groupsClaimPaths()).containsExactly(List.of("groups"));
        assertThat(TestConfigs.rsa().build().groupsExclude()).isEmpty();
    }

    // exclusion

    @Test
    void getGroupsWhenKeycloakDefaultRolesExcludedThenOnlyRealRoles() {
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.exclude", "default-roles-*,offline_access,uma_authorization");

        assertThat(load(p).verify(token(KEYCLOAK_ROLES)).getGroups()).containsExactly("buyer", "orders-admin");
    }

    @Test
    void getGroupsWhenExactEntryThenOnlyThatNameDropped() {
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.exclude", "offline_access");

        assertThat(load(p).verify(token("\"realm_access\":{\"roles\":[\"offline_access\",\"offline_access_x\","
                + "\"Offline_access\"]}")).getGroups()).containsExactly("offline_access_x", "Offline_access");
    }

    @Test
    void getGroupsWhenExclusionPatternMatchesNothingThenNoGroupAppears() {
        // an exclusion never adds a group: a pattern naming groups the token lacks changes nothing
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.exclude", "admin,orders-*,default-roles-*");

        VerifiedToken token = load(p).verify(token("\"realm_access\":{\"roles\":[\"buyer\"]}"));
        assertThat(token.getGroups()).containsExactly("buyer");
        assertThat(load(p).verify(token("")).getGroups()).isEmpty();
    }

    @Test
    void getGroupsWhenWildcardIsPrefixOnlyThenSuffixAndInfixNotMatched() {
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.exclude", "default-roles-*");

        assertThat(load(p).verify(token("\"realm_access\":{\"roles\":[\"default-roles-partner\",\"default-roles-\","
                + "\"my-default-roles-x\",\"default-role\"]}")).getGroups())
                .containsExactly("my-default-roles-x", "default-role");
    }

    @Test
    void getGroupsWhenExcludedRoleAlsoInOtherPathThenDroppedEverywhere() {
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.exclude", "buyer");

        assertThat(load(p).verify(token(KEYCLOAK_ROLES)).getGroups()).doesNotContain("buyer")
                .contains("orders-admin");
    }

    @Test
    void verifyWhenExcludedGroupHasWrongTypeNeighbourThenStillInvalidClaim() {
        // exclusion runs on valid strings only; a malformed claim is refused before anything is dropped
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.exclude", "offline_access");

        assertThat(reason(load(p), token("\"realm_access\":{\"roles\":[\"offline_access\",1]}")))
                .isEqualTo(RejectionReason.INVALID_CLAIM);
    }

    // validation

    @Test
    void loadWhenExcludeHasEmptyEntryThenFailsNamingProperty() {
        for (String value : List.of("offline_access,,uma_authorization", "offline_access,", ",offline_access")) {
            Map<String, String> p = keycloakPaths();
            p.put("jwtguard.groups.exclude", value);

            assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
                assertThat(e.property()).isEqualTo("jwtguard.groups.exclude");
                assertThat(e.getMessage()).contains("empty").contains("default-roles-*");
            });
        }
    }

    @Test
    void loadWhenStarNotAtEndThenFailsNamingProperty() {
        for (String value : List.of("*-roles", "default-*-roles", "a**", "**")) {
            Map<String, String> p = keycloakPaths();
            p.put("jwtguard.groups.exclude", value);

            assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
                assertThat(e.property()).isEqualTo("jwtguard.groups.exclude");
                assertThat(e.getMessage()).contains("'*'").contains("prefix wildcard");
            });
        }
    }

    @Test
    void buildWhenExcludeInvalidThenBuilderMethodNamed() {
        assertThatThrownBy(() -> TestConfigs.rsa().groupsExclude(List.of(" ")).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("groupsExclude(List)"));
        assertThatThrownBy(() -> TestConfigs.rsa().groupsClaimPaths(List.of()).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("groupsClaimPath(String)"));
    }

    @Test
    void loadWhenOneOfSeveralPathsInvalidThenFailsNamingProperty() {
        Map<String, String> p = keycloakPaths();
        p.put("jwtguard.groups.claim-path", "realm_access.roles,resource_access..roles");

        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo("jwtguard.groups.claim-path");
            assertThat(e.getMessage()).contains("resource_access..roles");
        });
    }

    // per issuer

    private static Map<String, String> withPartner() {
        Map<String, String> p = TestKeys.primaryProperties();
        p.put("jwtguard.groups.exclude", "user");
        p.put("jwtguard.issuers", "partner");
        p.put("jwtguard.issuers.partner.issuer", KEYCLOAK);
        p.put("jwtguard.issuers.partner.publickey", TestKeys.publicPem(TestKeys.RSA_2048_OTHER));
        p.put("jwtguard.issuers.partner.groups.claim-path", "realm_access.roles,resource_access.orders.roles");
        p.put("jwtguard.issuers.partner.groups.exclude", "default-roles-*,offline_access,uma_authorization");
        return p;
    }

    private static String partnerToken(String claims) {
        long iat = TestConfigs.NOW.getEpochSecond() - 5;
        String json = "{\"iss\":\"" + KEYCLOAK + "\",\"sub\":\"f3a1\",\"iat\":" + iat + ",\"exp\":" + (iat + 300)
                + "," + claims + "}";
        return TokenFactory.sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", json, "RS256",
                TestKeys.RSA_2048_OTHER.getPrivate());
    }

    @Test
    void getGroupsWhenIssuerHasOwnPathsAndExclusionsThenTheyOverrideGlobal() {
        TokenVerifier verifier = load(withPartner());

        // the partner: its own paths and exclusions; the global exclusion of "user" does not apply
        assertThat(verifier.verify(partnerToken(KEYCLOAK_ROLES.replace("\"buyer\"]},\"resource", "\"buyer\","
                + "\"user\"]},\"resource") + ",\"groups\":[\"admin\"]")).getGroups())
                .containsExactly("buyer", "user", "orders-admin");
        // the primary issuer: the global path (groups) and exclusion (user)
        assertThat(verifier.verify(TestConfigs.validRs256()).getGroups()).containsExactly("admin");
    }

    @Test
    void getGroupsWhenIssuerSetsNoExclusionThenGlobalExclusionApplies() {
        Map<String, String> p = withPartner();
        p.remove("jwtguard.issuers.partner.groups.exclude");
        p.put("jwtguard.groups.exclude", "offline_access");

        assertThat(load(p).verify(partnerToken(KEYCLOAK_ROLES)).getGroups()).containsExactly(
                "default-roles-partner", "uma_authorization", "buyer", "orders-admin");
    }

    @Test
    void loadWhenIssuerExclusionInvalidThenIssuersPropertyNamed() {
        Map<String, String> p = withPartner();
        p.put("jwtguard.issuers.partner.groups.exclude", "default-*-x");

        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.partner.groups.exclude"));
        p.put("jwtguard.issuers.partner.groups.exclude", "a,,b");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.partner.groups.exclude"));
        p.put("jwtguard.issuers.partner.groups.exclude", "x");
        p.put("jwtguard.issuers.partner.groups.claim-path", "realm_access.roles,.roles");
        assertThatThrownBy(() -> load(p)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("jwtguard.issuers.partner.groups.claim-path"));
    }
}

package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.JwksKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.RawClaims;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.KeyManagementAlgorithm;
import io.jwtguard.core.verify.PostureFinding;
import io.jwtguard.core.verify.Profile;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.Severity;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.core.verify.VerifierConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ConfigLoader} from a map-backed lookup: every MicroProfile JWT 2.1 property and every
 * {@code jwtguard.*} property, and malformed values failing with the offending property named.
 */
class ConfigLoaderTest {
    /** 40 bytes: long enough for HS256, so it loads without acknowledgement. */
    static final String HMAC_SECRET_VALUE = "hmac-SECRET-value-do-not-log-0123456789";
    static final String SHORT_HMAC_SECRET_VALUE = "short-SECRET-xyz";
    static final String KEYSTORE = "keys/jwtguard-test.p12";
    static final String KEYSTORE_PASSWORD_VALUE = "ks-Pa55word-Hunter2";
    static final String WRONG_KEYSTORE_PASSWORD = "wrong-KS-Pa55word-Oyster9";

    @TempDir
    Path dir;

    private final Map<String, String> props = new HashMap<>();

    @BeforeEach
    void issuerAndAudience() {
        props.put(MP_ISSUER, TokenFactory.ISSUER);
        props.put(MP_AUDIENCES, TokenFactory.AUDIENCE);
    }

    // mp.jwt.verify.publickey

    @Test
    void loadWhenInlinePemThenVerifiesToken() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));

        assertVerifies(load(), RawClaims.valid().signRs256());
    }

    @Test
    void loadWhenInlineJwkThenVerifiesTokenWithItsKid() {
        props.put(MP_PUBLIC_KEY, jwk("k1").toJSONString());

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().keySources().get(0).keys()).extracting(k -> k.keyId().orElse(null))
                .containsExactly("k1");
        assertVerifies(loaded, signWithKid("k1"));
    }

    @Test
    void loadWhenInlineJwksThenVerifiesTokenWithItsKid() {
        props.put(MP_PUBLIC_KEY, new JWKSet(List.of(jwk("k1"), jwk2("k2"))).toString());

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().keySources().get(0).keys()).hasSize(2);
        assertVerifies(loaded, signWithKid("k1"));
    }

    @Test
    void loadWhenInlineBase64UrlJwkThenVerifiesToken() {
        props.put(MP_PUBLIC_KEY, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(jwk("k1").toJSONString().getBytes(StandardCharsets.UTF_8)));

        assertVerifies(load(), signWithKid("k1"));
    }

    @Test
    void loadWhenInlineBase64DerThenVerifiesToken() {
        props.put(MP_PUBLIC_KEY, Base64.getEncoder().encodeToString(TestKeys.RSA_2048.getPublic().getEncoded()));

        assertVerifies(load(), RawClaims.valid().signRs256());
    }

    // builder errors name builder methods; the loader names the property instead

    @Test
    void loadWhenCacheMaxSizeZeroThenFailsNamingCacheMaxSizeNotTheBuilderMethod() throws IOException {
        props.put(MP_PUBLIC_KEY, resource("keys/rsa-2048-public.pem"));
        props.put(CACHE_MAX_SIZE, "0");

        assertFailsOn(CACHE_MAX_SIZE).hasMessageNotContaining("verifiedTokenCache(");
    }

    @Test
    void loadWhenNoIssuerThenFailsNamingPropertiesNotBuilderMethods() throws IOException {
        props.put(MP_PUBLIC_KEY, resource("keys/rsa-2048-public.pem"));
        props.remove(MP_ISSUER);

        assertFailsOn(MP_ISSUER).hasMessageContaining(ACKNOWLEDGE + "=NO_ISSUER")
                .hasMessageNotContaining("issuer(String)").hasMessageNotContaining("acknowledge(Set)");
    }

    @Test
    void loadWhenInlineKeyIsNotAKeyThenFailsNamingPublicKey() {
        props.put(MP_PUBLIC_KEY, "not a key at all");

        assertFailsOn(MP_PUBLIC_KEY);
    }

    @Test
    void loadWhenInlinePrivateKeyThenFailsNamingPublicKey() throws IOException {
        props.put(MP_PUBLIC_KEY, resource("keys/rsa-2048-private.pem"));

        assertFailsOn(MP_PUBLIC_KEY);
    }

    // mp.jwt.verify.publickey.location

    @Test
    void loadWhenLocationIsBareClasspathPemThenVerifiesToken() throws Exception {
        props.put(MP_PUBLIC_KEY_LOCATION, "keys/rsa-2048-public.pem");

        assertVerifies(load(), signWithClasspathKey(null));
    }

    @Test
    void loadWhenLocationIsClasspathJwksThenVerifiesToken() throws Exception {
        props.put(MP_PUBLIC_KEY_LOCATION, "classpath:keys/rsa-2048-jwks.json");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().keySources().get(0).keys()).extracting(k -> k.keyId().orElse(null))
                .containsExactly("classpath-key");
        assertVerifies(loaded, signWithClasspathKey("classpath-key"));
    }

    @Test
    void loadWhenLocationIsFileUrlThenVerifiesToken() throws IOException {
        Path file = Files.writeString(dir.resolve("public.pem"), pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_PUBLIC_KEY_LOCATION, file.toUri().toString());

        assertVerifies(load(), RawClaims.valid().signRs256());
    }

    @Test
    void loadWhenLocationIsPlainFilePathToJwksThenVerifiesToken() throws IOException {
        Path file = Files.writeString(dir.resolve("jwks.json"), new JWKSet(jwk("k1")).toString());
        props.put(MP_PUBLIC_KEY_LOCATION, file.toString());

        assertVerifies(load(), signWithKid("k1"));
    }

    @Test
    void loadWhenLocationIsHttpsThenKeysLoadedLazily() {
        props.put(MP_PUBLIC_KEY_LOCATION, "https://192.0.2.1/jwks.json");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().keySources()).singleElement().isInstanceOf(JwksKeySource.class);
    }

    @ParameterizedTest
    @CsvSource({"http://192.0.2.1/jwks.json", "http://idp.example/jwks"})
    void loadWhenLocationIsPlainHttpToNonLoopbackThenRefused(String location) {
        props.put(MP_PUBLIC_KEY_LOCATION, location);

        assertFailsOn(MP_PUBLIC_KEY_LOCATION).hasMessageContaining("https");
    }

    @Test
    void loadWhenLocationIsPlainHttpToLoopbackThenAccepted() {
        props.put(MP_PUBLIC_KEY_LOCATION, "http://127.0.0.1:9/jwks.json");

        assertThat(load().verifier().keySources()).singleElement().isInstanceOf(JwksKeySource.class);
    }

    @ParameterizedTest
    @CsvSource({"keys/missing.pem", "classpath:keys/missing.pem", "file:/nonexistent/jwtguard/key.pem",
            "/nonexistent/jwtguard/key.pem"})
    void loadWhenLocationUnreadableThenFailsNamingLocation(String location) {
        props.put(MP_PUBLIC_KEY_LOCATION, location);

        assertFailsOn(MP_PUBLIC_KEY_LOCATION).hasMessageContaining("check the path");
    }

    @Test
    void loadWhenLocationHoldsNoKeyThenFailsNamingLocation() {
        props.put(MP_PUBLIC_KEY_LOCATION, "keys/README.md");

        assertFailsOn(MP_PUBLIC_KEY_LOCATION);
    }

    @Test
    void loadWhenBothPublicKeyAndLocationThenFailsNamingPublicKey() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_PUBLIC_KEY_LOCATION, "keys/rsa-2048-public.pem");

        assertFailsOn(MP_PUBLIC_KEY).hasMessageContaining("keep only one");
    }

    @Test
    void loadWhenNoKeyConfiguredThenFailsNamingLocation() {
        assertFailsOn(MP_PUBLIC_KEY_LOCATION);
    }

    @Test
    void loadWhenBlankValuesThenTreatedAsUnset() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_PUBLIC_KEY_LOCATION, "   ");
        props.put(MP_CLOCK_SKEW, "");

        assertThat(load().verifier().clockSkew()).isEqualTo(VerifierConfig.DEFAULT_CLOCK_SKEW);
    }

    // weak keys through the loader

    @Test
    void loadWhenInline1024BitKeyThenFailsNamingPublicKey() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_1024.getPublic()));

        assertFailsOn(MP_PUBLIC_KEY).hasMessageContaining(ACKNOWLEDGE + "=WEAK_RSA_KEY");
    }

    @Test
    void loadWhen1024BitKeyAtLocationThenFailsNamingLocation() throws IOException {
        Path file = Files.writeString(dir.resolve("weak.pem"), pem(TestKeys.RSA_1024.getPublic()));
        props.put(MP_PUBLIC_KEY_LOCATION, file.toString());

        assertFailsOn(MP_PUBLIC_KEY_LOCATION);
    }

    @Test
    void loadWhen1024BitKeyAndMpCompatThenAcceptedAndVerifies() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_1024.getPublic()));
        props.put(PROFILE, "mp-compat");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().profile()).isEqualTo(Profile.MP_COMPAT);
        assertVerifies(loaded, TokenFactory.sign(TokenFactory.header("RS256"), RawClaims.valid().json(), "RS256",
                TestKeys.RSA_1024.getPrivate()));
    }

    // mp.jwt.verify.publickey.algorithm, jwtguard.algorithms

    @Test
    void loadWhenPublicKeyAlgorithmEs256ThenOnlyEs256Allowed() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.EC_P256.getPublic()));
        props.put(MP_PUBLIC_KEY_ALGORITHM, "ES256");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().allowedAlgorithms()).containsExactly(JwsAlgorithm.ES256);
        assertVerifies(loaded, TokenFactory.sign(TokenFactory.header("ES256"), RawClaims.valid().json(), "ES256",
                TestKeys.EC_P256.getPrivate()));
    }

    @Test
    void loadWhenAlgorithmsListedThenTheyOverridePublicKeyAlgorithm() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_PUBLIC_KEY_ALGORITHM, "ES256");
        props.put(ALGORITHMS, " PS256 , RS256 ");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().allowedAlgorithms()).containsExactlyInAnyOrder(JwsAlgorithm.PS256,
                JwsAlgorithm.RS256);
        assertVerifies(loaded, TokenFactory.sign(TokenFactory.header("PS256"), RawClaims.valid().json(), "PS256",
                TestKeys.RSA_2048.getPrivate()));
    }

    @Test
    void loadWhenOnlyRs384AllowedThenRs256TokenRefused() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_PUBLIC_KEY_ALGORITHM, "RS384");

        TokenVerifier verifier = TokenVerifier.create(load().verifier());

        assertThatThrownBy(() -> verifier.verify(RawClaims.valid().signRs256()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.ALGORITHM_NOT_ALLOWED));
    }

    @ParameterizedTest
    @CsvSource({
        "mp.jwt.verify.publickey.algorithm, XS256",
        "mp.jwt.verify.publickey.algorithm, none",
        "mp.jwt.verify.publickey.algorithm, rs256",
        "jwtguard.algorithms, RS256 ; none",
        "jwtguard.algorithms, NONE",
        "jwtguard.algorithms, ' None '",
        "jwtguard.algorithms, HS1",
    })
    void loadWhenAlgorithmUnknownOrNoneThenFailsNamingIt(String property, String value) {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(property, value.replace(" ; ", ","));

        assertFailsOn(property);
    }

    // issuer, audiences, skew, age

    @Test
    void loadWhenIssuerAudiencesSkewAndAgeThenAllApplied() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_AUDIENCES, " orders-api , billing-api,, ");
        props.put(MP_CLOCK_SKEW, " 60 ");
        props.put(MP_TOKEN_AGE, "300");

        VerifierConfig config = load().verifier();

        assertThat(config.issuer()).contains(TokenFactory.ISSUER);
        assertThat(config.audiences()).containsExactlyInAnyOrder("orders-api", "billing-api");
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxTokenAge()).contains(Duration.ofMinutes(5));
        TokenVerifier verifier = TokenVerifier.create(config);
        assertThatThrownBy(() -> verifier.verify(RawClaims.valid().withTime("iat", -361).withTime("exp", 100)
                .signRs256())).isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_OLD));
    }

    @Test
    void loadWhenNoIssuerThenFailsNamingIssuer() {
        props.remove(MP_ISSUER);
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));

        assertFailsOn(MP_ISSUER).hasMessageContaining(ACKNOWLEDGE + "=NO_ISSUER");
    }

    @Test
    void loadWhenTokenAgeAbsurdlyLargeThenFailsNamingTokenAge() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_TOKEN_AGE, Long.toString(Long.MAX_VALUE));

        assertFailsOn(MP_TOKEN_AGE).hasMessageContaining("at most");
    }

    // mp.jwt.token.header, mp.jwt.token.cookie

    @Test
    void loadWhenNoTransportPropertiesThenAuthorizationBearer() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));

        assertThat(load().transport()).isEqualTo(TokenTransport.DEFAULT);
    }

    @Test
    void loadWhenCookieHeaderAndCookieNameThenCookieTransport() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_TOKEN_HEADER, "Cookie");
        props.put(MP_TOKEN_COOKIE, "jwt");

        TokenTransport transport = load().transport();

        assertThat(transport.usesCookie()).isTrue();
        assertThat(transport.cookieName()).isEqualTo("jwt");
    }

    @Test
    void loadWhenCustomHeaderThenUsed() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_TOKEN_HEADER, "X-Forwarded-Access-Token");

        assertThat(load().transport().headerName()).isEqualTo("X-Forwarded-Access-Token");
    }

    // mp.jwt.decrypt.key.location, mp.jwt.decrypt.key.algorithm

    @Test
    void loadWhenDecryptKeyLocationThenVerifiesNestedJwe() throws Exception {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_DECRYPT_KEY_LOCATION, "classpath:keys/rsa-2048-private.pem");
        props.put(MP_DECRYPT_KEY_ALGORITHM, "RSA-OAEP-256");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().keyManagementAlgorithms()).containsExactly(KeyManagementAlgorithm.RSA_OAEP_256);
        assertThat(loaded.verifier().decryptOnlyAccepted()).isFalse();
        String jwe = encrypt(RawClaims.valid().signRs256(), KeyManagementAlgorithmIdentifiers.RSA_OAEP_256);
        assertVerifies(loaded, jwe);
    }

    @Test
    void loadWhenDecryptAlgorithmRsaOaepOnlyThenRsaOaep256Refused() throws Exception {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_DECRYPT_KEY_LOCATION, "keys/rsa-2048-private.pem");
        props.put(MP_DECRYPT_KEY_ALGORITHM, "RSA-OAEP");

        TokenVerifier verifier = TokenVerifier.create(load().verifier());

        assertThat(verifier.verify(encrypt(RawClaims.valid().signRs256(), KeyManagementAlgorithmIdentifiers.RSA_OAEP))
                .getName()).isEqualTo("jdoe@example.com");
        String refused = encrypt(RawClaims.valid().signRs256(), KeyManagementAlgorithmIdentifiers.RSA_OAEP_256);
        assertThatThrownBy(() -> verifier.verify(refused)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.ENCRYPTION_NOT_ACCEPTED));
    }

    @Test
    void loadWhenDecryptOnlyInHardenedThenFailsNamingPublicKeyLocation() {
        props.put(MP_DECRYPT_KEY_LOCATION, "keys/rsa-2048-private.pem");

        assertFailsOn(MP_PUBLIC_KEY_LOCATION);
    }

    @Test
    void loadWhenDecryptOnlyInMpCompatThenLoadedWithWarning() {
        props.put(MP_DECRYPT_KEY_LOCATION, "keys/rsa-2048-private.pem");
        props.put(PROFILE, "MP-Compat");

        VerifierConfig config = load().verifier();

        assertThat(config.decryptOnlyAccepted()).isTrue();
        assertThat(config.posture().findings()).filteredOn(f -> f.code() == FindingCode.DECRYPT_ONLY)
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void loadWhenDecryptKeyLocationUnreadableOrPublicThenFailsNamingIt() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_DECRYPT_KEY_LOCATION, "keys/missing-private.pem");
        assertFailsOn(MP_DECRYPT_KEY_LOCATION);

        props.put(MP_DECRYPT_KEY_LOCATION, "keys/rsa-2048-public.pem");
        assertFailsOn(MP_DECRYPT_KEY_LOCATION);
    }

    // jwtguard.* properties

    @Test
    void loadWhenProfileHardenedOrAbsentThenHardened() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        assertThat(load().verifier().profile()).isEqualTo(Profile.HARDENED);

        props.put(PROFILE, " HARDENED ");
        assertThat(load().verifier().profile()).isEqualTo(Profile.HARDENED);
    }

    @Test
    void loadWhenMaxLifetimeInSecondsIsoOrUnboundedThenApplied() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));

        props.put(MAX_LIFETIME, "600");
        assertThat(load().verifier().maxLifetime()).contains(Duration.ofMinutes(10));

        props.put(MAX_LIFETIME, "PT2H");
        assertThat(load().verifier().maxLifetime()).contains(Duration.ofHours(2));

        props.put(MAX_LIFETIME, "Unbounded");
        assertFailsOn(MAX_LIFETIME).hasMessageContaining(ACKNOWLEDGE + "=UNBOUNDED_LIFETIME");

        props.put(ACKNOWLEDGE, "unbounded-lifetime");
        assertThat(load().verifier().maxLifetime()).isEmpty();
    }

    @Test
    void loadWhenClockSkewMaxRaisedThenLargerSkewAccepted() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MP_CLOCK_SKEW, "600");
        assertFailsOn(MP_CLOCK_SKEW).hasMessageContaining(MAX_CLOCK_SKEW);

        props.put(MAX_CLOCK_SKEW, "PT10M");
        assertThat(load().verifier().clockSkew()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void loadWhenRequiredClaimsThenEnforced() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(REQUIRED_CLAIMS, "jti, tenant");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().requiredClaims()).containsExactlyInAnyOrder("jti", "tenant");
        assertVerifies(loaded, RawClaims.valid().withString("tenant", "acme").signRs256());
        assertThatThrownBy(() -> TokenVerifier.create(loaded.verifier()).verify(RawClaims.valid().signRs256()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MISSING_CLAIM));
    }

    @Test
    void loadWhenTokenTypesAndTypeRequiredThenApplied() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(TOKEN_TYPES, "application/at+jwt");
        props.put(TOKEN_TYPE_REQUIRED, "TRUE");

        VerifierConfig config = load().verifier();

        assertThat(config.acceptedTypes()).containsExactly("at+jwt");
        assertThat(config.typeRequired()).isTrue();
        TokenVerifier verifier = TokenVerifier.create(config);
        assertThatThrownBy(() -> verifier.verify(RawClaims.valid().signRs256()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TYPE_NOT_ACCEPTED));
        assertThat(verifier.verify(TokenFactory.sign("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}",
                RawClaims.valid().json(), "RS256", TestKeys.RSA_2048.getPrivate())).getName())
                .isEqualTo("jdoe@example.com");
    }

    @Test
    void loadWhenGroupsClaimPathThenNestedGroups() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(GROUPS_CLAIM, " realm_access.roles ");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().groupsClaimPath()).containsExactly("realm_access", "roles");
        assertThat(TokenVerifier.create(loaded.verifier()).verify(RawClaims.valid()
                .withRaw("realm_access", "{\"roles\":[\"reader\"]}").signRs256()).getGroups())
                .containsExactly("reader");
    }

    @Test
    void loadWhenMaxTokenSizeThenApplied() {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MAX_TOKEN_SIZE, "128");

        TokenVerifier verifier = TokenVerifier.create(load().verifier());

        assertThatThrownBy(() -> verifier.verify(RawClaims.valid().signRs256()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.SIZE_EXCEEDED));
    }

    @ParameterizedTest
    @CsvSource({"plain", "base64", "base64url"})
    void loadWhenHmacSecretThenHs256TokenVerifies(String encoding) {
        byte[] secret = HMAC_SECRET_VALUE.getBytes(StandardCharsets.UTF_8);
        props.put(HMAC_SECRET, switch (encoding) {
            case "base64" -> "base64:" + Base64.getEncoder().encodeToString(secret);
            case "base64url" -> "base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            default -> HMAC_SECRET_VALUE;
        });

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().allowedAlgorithms()).containsExactly(JwsAlgorithm.HS256);
        assertVerifies(loaded, TokenFactory.sign(TokenFactory.header("HS256"), RawClaims.valid().json(), "HS256",
                new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256")));
    }

    @Test
    void loadWhenHmacSecretLocationThenHs256TokenVerifies() throws IOException {
        Path file = Files.writeString(dir.resolve("secret.txt"), HMAC_SECRET_VALUE + "\n");
        props.put(HMAC_SECRET_LOCATION, file.toString());

        assertVerifies(load(), TokenFactory.sign(TokenFactory.header("HS256"), RawClaims.valid().json(), "HS256",
                new javax.crypto.spec.SecretKeySpec(HMAC_SECRET_VALUE.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
    }

    @Test
    void loadWhenShortHmacSecretThenFailsNamingSecretAndAcknowledgedLoads() {
        props.put(HMAC_SECRET, SHORT_HMAC_SECRET_VALUE);
        assertFailsOn(HMAC_SECRET).hasMessageContaining(ACKNOWLEDGE + "=SHORT_HMAC_SECRET");

        props.put(ACKNOWLEDGE, "SHORT_HMAC_SECRET");
        assertThat(load().verifier().posture().findings()).filteredOn(f -> f.code() == FindingCode.SHORT_HMAC_SECRET)
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void loadWhenShortHmacSecretAtLocationThenFailsNamingLocation() throws IOException {
        Path file = Files.writeString(dir.resolve("short.txt"), SHORT_HMAC_SECRET_VALUE);
        props.put(HMAC_SECRET_LOCATION, file.toString());

        assertFailsOn(HMAC_SECRET_LOCATION);
    }

    @Test
    void loadWhenKeystoreThenVerifiesTokenSignedByItsKey() throws Exception {
        props.put(KEYSTORE_LOCATION, KEYSTORE);
        props.put(KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE);
        props.put(KEYSTORE_TYPE, "PKCS12");
        props.put(KEYSTORE_ALIASES, "signer");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().keySources().get(0).keys()).extracting(k -> k.keyId().orElse(null))
                .containsExactly("signer");
        assertVerifies(loaded, TokenFactory.sign("{\"alg\":\"RS256\",\"kid\":\"signer\"}", RawClaims.valid().json(),
                "RS256", keystoreSigningKey()));
    }

    @Test
    void loadWhenKeystoreWrongPasswordTypeOrAliasThenFailsNamingKeystoreLocation() {
        props.put(KEYSTORE_LOCATION, KEYSTORE);

        props.put(KEYSTORE_PASSWORD, WRONG_KEYSTORE_PASSWORD);
        assertFailsOn(KEYSTORE_LOCATION).hasMessageContaining(KEYSTORE_PASSWORD);

        props.put(KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE);
        props.put(KEYSTORE_TYPE, "NO-SUCH-TYPE");
        assertFailsOn(KEYSTORE_LOCATION).hasMessageContaining(KEYSTORE_TYPE);

        props.remove(KEYSTORE_TYPE);
        props.put(KEYSTORE_ALIASES, "nobody");
        assertFailsOn(KEYSTORE_LOCATION);

        props.remove(KEYSTORE_ALIASES);
        props.put(KEYSTORE_LOCATION, "keys/missing.p12");
        assertFailsOn(KEYSTORE_LOCATION);
    }

    @Test
    void loadWhenAcknowledgeListsCodesInAnySpellingThenAccepted() {
        props.remove(MP_ISSUER);
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(MAX_LIFETIME, "unbounded");
        props.put(ACKNOWLEDGE, " no-issuer , Unbounded_Lifetime ");

        VerifierConfig config = load().verifier();

        assertThat(config.posture().hasErrors()).isFalse();
        assertThat(config.posture().withSeverity(Severity.WARNING)).extracting(PostureFinding::code)
                .contains(FindingCode.NO_ISSUER, FindingCode.UNBOUNDED_LIFETIME);
    }

    // malformed values: one per property

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "mp.jwt.verify.clock.skew | abc",
        "mp.jwt.verify.clock.skew | -1",
        "mp.jwt.verify.clock.skew | 1.5",
        "mp.jwt.verify.clock.skew | 30s",
        "mp.jwt.verify.clock.skew | 99999999999999999999",
        "mp.jwt.verify.token.age | -5",
        "mp.jwt.verify.token.age | five",
        "mp.jwt.verify.token.age | 0",
        "jwtguard.token.max-lifetime | 1 hour",
        "jwtguard.token.max-lifetime | -PT1H",
        "jwtguard.token.max-lifetime | 0",
        "jwtguard.token.max-lifetime | P",
        "jwtguard.clock-skew.max | ten minutes",
        "jwtguard.clock-skew.max | -PT1M",
        "jwtguard.profile | strict",
        "jwtguard.profile | mp_compat",
        "jwtguard.posture.acknowledge | NOT_A_CODE",
        "jwtguard.posture.acknowledge | NO_ISSUER,typo",
        "jwtguard.posture.acknowledge | DECRYPT_ONLY",
        "jwtguard.posture.acknowledge | mp-compat-profile",
        "mp.jwt.token.header | Bad Header",
        "mp.jwt.token.header | X-Token:",
        "mp.jwt.token.header | Authoriz\u00e9",
        "mp.jwt.token.cookie | a;b",
        "mp.jwt.token.cookie | my cookie",
        "jwtguard.token.type-required | yes",
        "jwtguard.groups.claim-path | realm_access..roles",
        "jwtguard.groups.claim-path | .roles",
        "jwtguard.token.max-size | big",
        "jwtguard.token.max-size | 10",
        "jwtguard.token.max-size | 2000000",
        "jwtguard.token.types | ','",
        "mp.jwt.decrypt.key.algorithm | RSA1_5",
        "mp.jwt.decrypt.key.algorithm | dir",
        "mp.jwt.decrypt.key.algorithm | rsa-oaep",
    })
    void loadWhenValueMalformedThenFailsNamingThatProperty(String property, String value) {
        props.put(MP_PUBLIC_KEY, pem(TestKeys.RSA_2048.getPublic()));
        props.put(property, value);
        if (property.equals(TOKEN_TYPES)) {
            props.put(TOKEN_TYPE_REQUIRED, "true");
        }

        assertFailsOn(property);
    }

    @Test
    void loadWhenHmacSecretMalformedThenFailsNamingIt() {
        props.put(HMAC_SECRET, "base64:!!not-base64!!");
        assertFailsOn(HMAC_SECRET);

        props.put(HMAC_SECRET, "base64url:***");
        assertFailsOn(HMAC_SECRET);

        props.put(HMAC_SECRET, HMAC_SECRET_VALUE);
        props.put(HMAC_SECRET_LOCATION, dir.resolve("secret.txt").toString());
        assertFailsOn(HMAC_SECRET).hasMessageContaining("keep only one");

        props.remove(HMAC_SECRET);
        assertFailsOn(HMAC_SECRET_LOCATION);
    }

    // secrets never in messages

    @Test
    void loadWhenAnyConfigurationFailsThenMessageNeverContainsSecretOrPassword() throws IOException {
        List<Map<String, String>> failing = new ArrayList<>();
        Path shortFile = Files.writeString(dir.resolve("short-secret.txt"), SHORT_HMAC_SECRET_VALUE);
        failing.add(Map.of(HMAC_SECRET, SHORT_HMAC_SECRET_VALUE));
        failing.add(Map.of(HMAC_SECRET_LOCATION, shortFile.toString()));
        failing.add(Map.of(HMAC_SECRET, "base64:" + HMAC_SECRET_VALUE + "!"));
        failing.add(Map.of(HMAC_SECRET, "base64url:" + HMAC_SECRET_VALUE + "*"));
        failing.add(Map.of(HMAC_SECRET, HMAC_SECRET_VALUE, HMAC_SECRET_LOCATION, shortFile.toString()));
        failing.add(Map.of(HMAC_SECRET, HMAC_SECRET_VALUE, MP_CLOCK_SKEW, "abc"));
        failing.add(Map.of(HMAC_SECRET, HMAC_SECRET_VALUE, MP_ISSUER, " "));
        failing.add(Map.of(HMAC_SECRET, HMAC_SECRET_VALUE, ALGORITHMS, "HS1"));
        failing.add(Map.of(HMAC_SECRET, HMAC_SECRET_VALUE, MP_PUBLIC_KEY, "garbage"));
        failing.add(Map.of(KEYSTORE_LOCATION, KEYSTORE, KEYSTORE_PASSWORD, WRONG_KEYSTORE_PASSWORD));
        failing.add(Map.of(KEYSTORE_LOCATION, KEYSTORE, KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE,
                KEYSTORE_ALIASES, "nobody"));
        failing.add(Map.of(KEYSTORE_LOCATION, KEYSTORE, KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE,
                KEYSTORE_TYPE, "JCEKS-" + KEYSTORE_PASSWORD_VALUE.length()));
        failing.add(Map.of(KEYSTORE_LOCATION, KEYSTORE, KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE,
                MP_TOKEN_HEADER, "Bad Header"));
        failing.add(Map.of(KEYSTORE_LOCATION, "keys/missing.p12", KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE));

        for (Map<String, String> extra : failing) {
            props.clear();
            props.put(MP_ISSUER, TokenFactory.ISSUER);
            props.put(MP_AUDIENCES, TokenFactory.AUDIENCE);
            props.putAll(extra);

            Throwable thrown = catchThrowable(this::load);
            assertThat(thrown).as(extra.keySet().toString())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.getMessage() + e)
                            .doesNotContain(HMAC_SECRET_VALUE).doesNotContain(SHORT_HMAC_SECRET_VALUE)
                            .doesNotContain(KEYSTORE_PASSWORD_VALUE).doesNotContain(WRONG_KEYSTORE_PASSWORD)
                            .doesNotContain(Base64.getEncoder().encodeToString(
                                    HMAC_SECRET_VALUE.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void loadWhenSecretsConfiguredThenPostureReportNeverContainsThem() {
        props.put(HMAC_SECRET, SHORT_HMAC_SECRET_VALUE);
        props.put(KEYSTORE_LOCATION, KEYSTORE);
        props.put(KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_VALUE);
        props.put(ACKNOWLEDGE, "short_hmac_secret");

        LoadedConfiguration loaded = load();

        assertThat(loaded.verifier().posture().summary()).doesNotContain(SHORT_HMAC_SECRET_VALUE)
                .doesNotContain(KEYSTORE_PASSWORD_VALUE).contains("SHORT_HMAC_SECRET");
        assertThat(TokenVerifier.create(loaded.verifier()).toString()).doesNotContain(SHORT_HMAC_SECRET_VALUE);
        for (VerificationKey key : loaded.verifier().keySources().get(0).keys()) {
            assertThat(key.toString()).doesNotContain(SHORT_HMAC_SECRET_VALUE);
        }
    }

    // helpers

    private LoadedConfiguration load() {
        return ConfigLoader.load(name -> Optional.ofNullable(props.get(name)), TestConfigs.CLOCK);
    }

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertFailsOn(String property) {
        return assertThatThrownBy(this::load).as("expected a ConfigurationException naming " + property)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.property()).isEqualTo(property);
                    assertThat(e.getMessage()).startsWith(property + ": ");
                });
    }

    private static void assertVerifies(LoadedConfiguration loaded, String token) {
        VerifiedToken verified = TokenVerifier.create(loaded.verifier()).verify(token);
        assertThat(verified.getName()).isEqualTo("jdoe@example.com");
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static RSAKey jwk(String kid) {
        return new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048.getPublic()).keyID(kid).build();
    }

    private static RSAKey jwk2(String kid) {
        return new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_2048_OTHER.getPublic()).keyID(kid).build();
    }

    private static String signWithKid(String kid) {
        return TokenFactory.sign("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", RawClaims.valid().json(), "RS256",
                TestKeys.RSA_2048.getPrivate());
    }

    private static String signWithClasspathKey(String kid) throws Exception {
        String header = kid == null ? TokenFactory.header("RS256") : "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}";
        return TokenFactory.sign(header, RawClaims.valid().json(), "RS256", classpathPrivateKey());
    }

    static PrivateKey classpathPrivateKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(
                resource("keys/rsa-2048-private.pem"))));
    }

    static PublicKey classpathPublicKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(
                resource("keys/rsa-2048-public.pem"))));
    }

    private static Key keystoreSigningKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = ConfigLoaderTest.class.getClassLoader().getResourceAsStream(KEYSTORE)) {
            store.load(in, KEYSTORE_PASSWORD_VALUE.toCharArray());
        }
        return store.getKey("signer", KEYSTORE_PASSWORD_VALUE.toCharArray());
    }

    private static String encrypt(String innerJws, String keyManagement) throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(keyManagement);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setContentTypeHeaderValue("JWT");
        jwe.setPayload(innerJws);
        jwe.setKey(classpathPublicKey());
        return jwe.getCompactSerialization();
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.jose.JwsAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DPoPConfigTest {
    private final Map<String, String> props = new HashMap<>(Map.of(MP_ISSUER, "https://issuer.example.com",
            MP_AUDIENCES, "api", HMAC_SECRET, ConfigLoaderTest.HMAC_SECRET_VALUE));

    private DPoPSettings load() {
        return ConfigLoader.load(name -> Optional.ofNullable(props.get(name))).dpop();
    }

    @Test
    void loadWhenNoDpopPropertiesThenOffWithDefaults() {
        DPoPSettings dpop = load();
        assertThat(dpop.mode()).isEqualTo(DPoPMode.OFF);
        assertThat(dpop.algorithms()).isEqualTo(DPoPSettings.DEFAULT_ALGORITHMS);
        assertThat(dpop.proofMaxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(dpop.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(dpop.externalBaseUrl()).isEmpty();
    }

    @Test
    void loadWhenDpopPropertiesSetThenRead() {
        props.put(DPOP_MODE, "Required");
        props.put(DPOP_ALGORITHMS, "ES256, EdDSA");
        props.put(DPOP_PROOF_MAX_AGE, "PT30S");
        props.put(DPOP_PROOF_MAX_SIZE, "4096");
        props.put(DPOP_EXTERNAL_BASE_URL, "https://api.example.com/prefix");
        props.put(DPOP_REPLAY_CACHE_MAX_SIZE, "500");
        props.put(MP_CLOCK_SKEW, "10");
        DPoPSettings dpop = load();
        assertThat(dpop.mode()).isEqualTo(DPoPMode.REQUIRED);
        assertThat(dpop.algorithms()).isEqualTo(Set.of(JwsAlgorithm.ES256, JwsAlgorithm.EdDSA));
        assertThat(dpop.proofMaxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(dpop.clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(dpop.maxProofSize()).isEqualTo(4096);
        assertThat(dpop.externalBaseUrl()).contains(URI.create("https://api.example.com/prefix"));
        assertThat(dpop.replayCacheSize()).isEqualTo(500);
    }

    @Test
    void loadWhenIssuerDpopModeThenModeForThatIssuerOnly() {
        props.put(ISSUERS, "idp");
        props.put("jwtguard.issuers.idp.issuer", "https://idp.example.com");
        props.put("jwtguard.issuers.idp.publickey",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}");
        props.put("jwtguard.issuers.idp.algorithms", "ES256");
        props.put("jwtguard.issuers.idp.dpop.mode", "required");
        DPoPSettings dpop = load();
        assertThat(dpop.mode()).isEqualTo(DPoPMode.OFF);
        assertThat(dpop.modeFor("https://idp.example.com")).isEqualTo(DPoPMode.REQUIRED);
        assertThat(dpop.modeFor("https://issuer.example.com")).isEqualTo(DPoPMode.OFF);
        assertThat(dpop.enabledAnywhere()).isTrue();
        props.put("jwtguard.issuers.idp.dpop.mode", "sometimes");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwtguard.issuers.idp.dpop.mode").hasMessageContaining("use off, allowed or required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jwtguard.dpop.mode | on | use off, allowed or required",
        "jwtguard.dpop.algorithms | ES256,HS256 | symmetric",
        "jwtguard.dpop.algorithms | none | 'none' can never be allowed",
        "jwtguard.dpop.proof.max-age | 0 | out of range",
        "jwtguard.dpop.proof.max-age | PT1H | out of range",
        "jwtguard.dpop.proof.max-size | 10 | out of range",
        "jwtguard.dpop.replay-cache.max-size | 0 | out of range",
        "jwtguard.dpop.external-base-url | api.example.com | https://api.example.com",
        "jwtguard.dpop.external-base-url | https://api.example.com/?q=1 | query",
        "jwtguard.dpop.external-base-url | ftp://api.example.com | absolute http(s)",
        "jwtguard.dpop.nonce | sometimes | not off or required",
        "jwtguard.dpop.nonce.lifetime | PT5S | out of range",
        "jwtguard.dpop.nonce.lifetime | PT2H | out of range"})
    void loadWhenDpopPropertyUnusableThenFailsNamingPropertyAndFix(String property, String value, String fix) {
        props.put(property, value);
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(property).hasMessageContaining(fix);
    }

    @Test
    void loadWhenNonceRequiredThenNoncesWithConfiguredOrPerProcessSecret() {
        assertThat(load().nonces()).isSameAs(io.jwtguard.core.dpop.DPoPNonces.OFF);
        props.put("jwtguard.dpop.nonce", "Required");
        props.put("jwtguard.dpop.nonce.lifetime", "PT2M");
        io.jwtguard.core.dpop.DPoPNonces perProcess = load().nonces();
        assertThat(perProcess.required()).isTrue();
        assertThat(perProcess.lifetime()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(perProcess.toString()).contains("per process");

        String secret = "a-shared-secret-of-at-least-32-characters";
        props.put("jwtguard.dpop.nonce.secret", secret);
        io.jwtguard.core.dpop.DPoPNonces nodeA = load().nonces();
        io.jwtguard.core.dpop.DPoPNonces nodeB = load().nonces();
        java.time.Instant now = java.time.Instant.now();
        assertThat(nodeB.valid(nodeA.current(now), now)).isTrue();
        assertThat(nodeA.toString()).doesNotContain(secret);

        props.put("jwtguard.dpop.nonce.secret", "too-short");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwtguard.dpop.nonce.secret").hasMessageContaining("at least 32")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("too-short"));
    }
}

package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PropertyLookupsTest {

    @Test
    void environmentValueWhenExactNameThenFound() {
        assertThat(PropertyLookups.environmentValue(Map.of("mp.jwt.verify.issuer", "exact"), "mp.jwt.verify.issuer"))
                .isEqualTo("exact");
    }

    @Test
    void environmentValueWhenNonAlphanumericsReplacedThenFound() {
        assertThat(PropertyLookups.environmentValue(Map.of("jwtguard_servlet_filter_enabled", "true"),
                "jwtguard.servlet-filter.enabled")).isEqualTo("true");
    }

    @Test
    void environmentValueWhenUpperCaseMappedThenFound() {
        assertThat(PropertyLookups.environmentValue(Map.of("MP_JWT_VERIFY_ISSUER", "upper"), "mp.jwt.verify.issuer"))
                .isEqualTo("upper");
    }

    @Test
    void environmentValueWhenSeveralMatchThenTheRulesOrderDecides() {
        Map<String, String> env = Map.of("mp.jwt.verify.issuer", "exact", "mp_jwt_verify_issuer", "replaced",
                "MP_JWT_VERIFY_ISSUER", "upper");
        assertThat(PropertyLookups.environmentValue(env, "mp.jwt.verify.issuer")).isEqualTo("exact");
        assertThat(PropertyLookups.environmentValue(Map.of("mp_jwt_verify_issuer", "replaced",
                "MP_JWT_VERIFY_ISSUER", "upper"), "mp.jwt.verify.issuer")).isEqualTo("replaced");
    }

    @Test
    void environmentValueWhenOnlyACaseVariantThenNotFound() {
        // MicroProfile Config maps to upper case only: a lower-case dotted variant is another name
        assertThat(PropertyLookups.environmentValue(Map.of("Mp_Jwt_Verify_Issuer", "mixed"), "mp.jwt.verify.issuer"))
                .isNull();
        assertThat(PropertyLookups.environmentValue(Map.of("MP_JWT_VERIFY_ISSUERX", "other"), "mp.jwt.verify.issuer"))
                .isNull();
    }

    @Test
    void composeWhenNoMicroProfileConfigThenSystemPropertyThenEnvironmentThenInitParameter() {
        Map<String, String> system = Map.of("a", "system");
        Map<String, String> env = Map.of("A", "env", "B", "env");
        Map<String, String> init = Map.of("a", "init", "b", "init", "c", "init");
        Function<String, Optional<String>> lookup = PropertyLookups.compose(Optional.empty(), init::get, system::get,
                env);

        assertThat(lookup.apply("a")).contains("system");
        assertThat(lookup.apply("b")).contains("env");
        assertThat(lookup.apply("c")).contains("init");
        assertThat(lookup.apply("d")).isEmpty();
    }

    @Test
    void composeWhenMicroProfileConfigThenItDecidesAndEnvironmentIsItsBusiness() {
        Map<String, String> mp = Map.of("a", "mp");
        Map<String, String> init = Map.of("a", "init", "b", "init");
        Function<String, Optional<String>> lookup = PropertyLookups.compose(
                Optional.of(name -> Optional.ofNullable(mp.get(name))), init::get, name -> null, Map.of("C", "env"));

        assertThat(lookup.apply("a")).contains("mp");
        assertThat(lookup.apply("b")).contains("init");
        assertThat(lookup.apply("c")).isEmpty();
    }
}

package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequiredPatternsSettingsTest {

    @Test
    void loadWhenUnsetThenNoRequiredPatternAndTheFilterOnItsOwnPatterns() {
        RuntimeSettings settings = RuntimeSettings.load(name -> Optional.empty());

        assertThat(settings.requiredPatterns().isEmpty()).isTrue();
        assertThat(settings.installedPatterns()).containsExactly("/*");
    }

    @Test
    void loadWhenSetThenParsedAndTheFilterInstalledThereToo() {
        RuntimeSettings settings = load(Map.of(RuntimeProperties.SERVLET_FILTER_PATTERNS, "/api/*",
                RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS, " /members/* , *.secret,/api/*"));

        assertThat(settings.requiredPatterns().patterns()).containsExactly("/members/*", "*.secret", "/api/*");
        assertThat(settings.installedPatterns()).containsExactly("/api/*", "/members/*", "*.secret");
    }

    @Test
    void loadWhenBadPatternThenFailsNamingTheProperty() {
        assertThatThrownBy(() -> load(Map.of(RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS, "/members*")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.property()).isEqualTo(RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS);
                    assertThat(e.getMessage()).contains("'/members*'");
                });
    }

    @Test
    void loadWhenFilterDisabledThenRequiredPatternsFailDeployment() {
        assertThatThrownBy(() -> load(Map.of(RuntimeProperties.SERVLET_FILTER, "false",
                RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS, "/members/*")))
                .isInstanceOfSatisfying(ConfigurationException.class, e ->
                        assertThat(e.property()).isEqualTo(RuntimeProperties.SERVLET_FILTER_REQUIRED_PATTERNS));
    }

    private static RuntimeSettings load(Map<String, String> properties) {
        return RuntimeSettings.load(name -> Optional.ofNullable(properties.get(name)));
    }
}

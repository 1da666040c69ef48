package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPatternsTest {
    private final UrlPatterns patterns = UrlPatterns.parse("p", List.of("/members/*", "/admin", "*.secret"));

    @Test
    void matchesWhenPrefixPatternThenThePrefixAndBelowButNotALongerName() {
        assertThat(patterns.matches("/members")).isTrue();
        assertThat(patterns.matches("/members/")).isTrue();
        assertThat(patterns.matches("/members/a/b")).isTrue();
        assertThat(patterns.matches("/membersonly")).isFalse();
        assertThat(patterns.matches("/other/members/x")).isFalse();
    }

    @Test
    void matchesWhenExactPatternThenOnlyThatPath() {
        assertThat(patterns.matches("/admin")).isTrue();
        assertThat(patterns.matches("/admin/x")).isFalse();
        assertThat(patterns.matches("/Admin")).isFalse();
    }

    @Test
    void matchesWhenExtensionPatternThenTheLastSegmentOnly() {
        assertThat(patterns.matches("/a/report.secret")).isTrue();
        assertThat(patterns.matches("/a.secret/report")).isFalse();
        assertThat(patterns.matches("/report.secrets")).isFalse();
    }

    @Test
    void matchesWhenEverythingPatternThenEveryPathAndTheRoot() {
        UrlPatterns all = UrlPatterns.parse("p", List.of("/*"));
        assertThat(all.matches("/x")).isTrue();
        assertThat(all.matches("")).isTrue();
        assertThat(all.matches(null)).isTrue();
    }

    @Test
    void matchesWhenNoPatternThenNothing() {
        assertThat(UrlPatterns.none().matches("/x")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "members/*", "/members*", "/*/x", "/a/*/*", "*.", "*.a/b", "*.a.b", "/a b", "/a?x",
            "/a;x", "/a//b", "**"})
    void parseWhenNotAnAcceptedFormThenFailsNamingTheProperty(String pattern) {
        assertThatThrownBy(() -> UrlPatterns.parse("jwtguard.servlet-filter.required-patterns", List.of(pattern)))
                .isInstanceOfSatisfying(ConfigurationException.class, e ->
                        assertThat(e.property()).isEqualTo("jwtguard.servlet-filter.required-patterns"));
        assertThat(UrlPatterns.tryParse(List.of(pattern))).isEmpty();
    }
}

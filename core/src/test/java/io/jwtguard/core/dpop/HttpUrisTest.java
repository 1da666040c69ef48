package io.jwtguard.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpUrisTest {
    @ParameterizedTest
    @CsvSource({
        "HTTP://Example.COM:80, http://example.com/",
        "https://example.com:443/a/b, https://example.com/a/b",
        "https://example.com:8443/a, https://example.com:8443/a",
        "https://example.com/a/./b/../c, https://example.com/a/c",
        "https://example.com/../a, https://example.com/a",
        "https://example.com/a/.., https://example.com/",
        "https://example.com/%7euser/%2f, https://example.com/~user/%2F",
        "https://example.com/a?b=c#d, https://example.com/a",
        "https://[::1]:8080/x, https://[::1]:8080/x"})
    void normaliseWhenEquivalentSpellingThenSameForm(String input, String expected) {
        assertThat(HttpUris.normalise(input)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"/relative", "mailto:a@example.com", "https://user:pw@example.com/", "https://example.com/%", "ws://example.com/"})
    void normaliseWhenNotAbsoluteHttpThenEmpty(String input) {
        assertThat(HttpUris.normalise(input)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"https://api.example.com, /app/x, https://api.example.com/app/x",
        "https://example.com/api/, /app/x, https://example.com/api/app/x"})
    void joinWhenExternalBaseThenPrefixAndPath(String base, String path, String expected) {
        assertThat(HttpUris.join(URI.create(base), path)).isEqualTo(expected);
    }
}

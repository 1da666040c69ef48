package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.config.TokenTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenExtractorTest {
    private static final TokenExtractor AUTHORIZATION = new TokenExtractor(TokenTransport.DEFAULT);
    private static final TokenExtractor COOKIE = new TokenExtractor(new TokenTransport("Cookie", "jwt"));
    private static final TokenExtractor CUSTOM = new TokenExtractor(new TokenTransport("X-Token", "Bearer"));

    /** A request made of header lines. */
    static class Request implements RequestView {
        final Map<String, List<String>> headers = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();

        Request header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(), n -> new ArrayList<>()).add(value);
            return this;
        }

        @Override
        public List<String> headerValues(String headerName) {
            return headers.getOrDefault(headerName.toLowerCase(), List.of());
        }

        @Override
        public Object attribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void attribute(String name, Object value) {
            attributes.put(name, value);
        }
    }

    @Test
    void authorizationWhenNoHeaderThenNone() {
        assertThat(AUTHORIZATION.extract(new Request()).kind()).isEqualTo(Extraction.Kind.NONE);
    }

    @Test
    void authorizationWhenBearerInAnyCaseThenToken() {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            Extraction found = AUTHORIZATION.extract(new Request().header("Authorization", scheme + " abc.def.ghi"));
            assertThat(found.kind()).isEqualTo(Extraction.Kind.ONE);
            assertThat(found.token()).contains("abc.def.ghi");
        }
    }

    @Test
    void authorizationWhenOtherSchemeThenNone() {
        assertThat(AUTHORIZATION.extract(new Request().header("Authorization", "Basic dXNlcjpwYXNz")).kind())
                .isEqualTo(Extraction.Kind.NONE);
        assertThat(AUTHORIZATION.extract(new Request().header("Authorization", "Bearerish abc")).kind())
                .isEqualTo(Extraction.Kind.NONE);
    }

    @Test
    void authorizationWhenBearerWithoutCredentialsThenEmptyTokenForTheVerifierToRefuse() {
        assertThat(AUTHORIZATION.extract(new Request().header("Authorization", "Bearer")).token()).contains("");
    }

    @Test
    void authorizationWhenTwoLinesOrCommaJoinedThenMultiple() {
        assertThat(AUTHORIZATION.extract(new Request().header("Authorization", "Bearer a")
                .header("Authorization", "Bearer b")).kind()).isEqualTo(Extraction.Kind.MULTIPLE);
        assertThat(AUTHORIZATION.extract(new Request().header("Authorization", "Bearer a, Bearer b")).kind())
                .isEqualTo(Extraction.Kind.MULTIPLE);
    }

    @Test
    void authorizationWhenTokenOnlyInCookieOrCustomHeaderThenNotRead() {
        assertThat(AUTHORIZATION.extract(new Request().header("Cookie", "Bearer=abc").header("X-Token", "abc")).kind())
                .isEqualTo(Extraction.Kind.NONE);
    }

    @Test
    void cookieWhenConfiguredCookieAmongOthersThenToken() {
        Extraction found = COOKIE.extract(new Request().header("Cookie", "theme=dark; jwt=abc.def.ghi; lang=fr"));
        assertThat(found.token()).contains("abc.def.ghi");
        assertThat(COOKIE.extract(new Request().header("Cookie", "jwt=\"abc\"")).token()).contains("abc");
    }

    @Test
    void cookieWhenTwiceInOneOrTwoHeadersThenMultiple() {
        assertThat(COOKIE.extract(new Request().header("Cookie", "jwt=a; jwt=b")).kind())
                .isEqualTo(Extraction.Kind.MULTIPLE);
        assertThat(COOKIE.extract(new Request().header("Cookie", "jwt=a").header("Cookie", "jwt=b")).kind())
                .isEqualTo(Extraction.Kind.MULTIPLE);
    }

    @Test
    void cookieWhenAlsoBearerHeaderThenMultipleAndWhenOnlyBearerThenNone() {
        assertThat(COOKIE.extract(new Request().header("Cookie", "jwt=a").header("Authorization", "Bearer b")).kind())
                .isEqualTo(Extraction.Kind.MULTIPLE);
        assertThat(COOKIE.extract(new Request().header("Authorization", "Bearer b")).kind())
                .isEqualTo(Extraction.Kind.NONE);
    }

    @Test
    void cookieWhenNameOnlyPrefixMatchesThenNone() {
        assertThat(COOKIE.extract(new Request().header("Cookie", "jwtx=a; xjwt=b")).kind())
                .isEqualTo(Extraction.Kind.NONE);
    }

    @Test
    void customHeaderWhenValueWithOrWithoutBearerPrefixThenToken() {
        assertThat(CUSTOM.extract(new Request().header("X-Token", "abc")).token()).contains("abc");
        assertThat(CUSTOM.extract(new Request().header("X-Token", "Bearer abc")).token()).contains("abc");
    }

    @Test
    void customHeaderWhenTwiceOrCommaThenMultiple() {
        assertThat(CUSTOM.extract(new Request().header("X-Token", "a").header("X-Token", "b")).kind())
                .isEqualTo(Extraction.Kind.MULTIPLE);
        assertThat(CUSTOM.extract(new Request().header("X-Token", "a,b")).kind()).isEqualTo(Extraction.Kind.MULTIPLE);
    }

    @Test
    void extractionToStringNeverPrintsTheToken() {
        assertThat(Extraction.of("secret.token.value").toString()).doesNotContain("secret");
    }
}

package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.verify.BearerErrorCode;
import io.jwtguard.core.verify.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {
    @Test
    void noTokenWhenWrittenThen401WithRealmOnly() {
        BearerChallenge challenge = BearerChallenge.noToken("api");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.headerValue()).isEqualTo("Bearer realm=\"api\"");
        assertThat(challenge.error()).isEmpty();
    }

    @Test
    void rejectedWhenExpiredThenInvalidTokenWithFixedDescription() {
        BearerChallenge challenge = BearerChallenge.rejected("api", RejectionReason.EXPIRED);
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.headerValue())
                .isEqualTo("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The token is expired\"");
    }

    @Test
    void rejectedWhenMultipleTokensThen400InvalidRequest() {
        BearerChallenge challenge = BearerChallenge.rejected("api", RequestRefusal.MULTIPLE_TOKENS);
        assertThat(challenge.status()).isEqualTo(400);
        assertThat(challenge.headerValue()).contains("error=\"invalid_request\"");
    }

    @Test
    void everyReasonWhenWrittenThenHeaderIsWellFormedAndStatusMatches() {
        for (RejectionReason reason : RejectionReason.values()) {
            BearerChallenge challenge = BearerChallenge.rejected("api", reason);
            assertThat(challenge.status()).isEqualTo(reason.httpStatus());
            assertThat(challenge.headerValue()).matches("Bearer realm=\"api\", error=\"[a-z_]+\", "
                    + "error_description=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+\"");
            assertThat(challenge.headerValue()).contains("error_description=\"" + reason.description() + "\"");
        }
    }

    @Test
    void insufficientScopeWhenScopesGivenThen403WithScopeAttribute() {
        BearerChallenge challenge = BearerChallenge.error("api", BearerErrorCode.INSUFFICIENT_SCOPE,
                "The token lacks a required scope", List.of("orders:read", "orders:write"));
        assertThat(challenge.status()).isEqualTo(403);
        assertThat(challenge.headerValue()).isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", "
                + "error_description=\"The token lacks a required scope\", scope=\"orders:read orders:write\"");
    }

    @Test
    void descriptionWhenItWouldBreakTheHeaderThenSafeDefault() {
        for (String hostile : new String[] {"quote \" inside", "back\\slash", "new\nline", "caf\u00e9"}) {
            String header = BearerChallenge.error("api", BearerErrorCode.INVALID_TOKEN, hostile, null).headerValue();
            assertThat(header).endsWith("error_description=\"" + BearerChallenge.SAFE_DESCRIPTION + "\"");
        }
    }

    @Test
    void scopeWhenInvalidTokenCharactersThenLeftOut() {
        String header = BearerChallenge.error("api", BearerErrorCode.INSUFFICIENT_SCOPE, "x",
                List.of("good", "bad scope", "evil\"")).headerValue();
        assertThat(header).endsWith("scope=\"good\"");
    }

    @Test
    void realmWhenQuoteOrEmptyThenRefused() {
        assertThatThrownBy(() -> BearerChallenge.noToken("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerChallenge.noToken("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(BearerChallenge.isValidRealm("orders api")).isTrue();
    }
}

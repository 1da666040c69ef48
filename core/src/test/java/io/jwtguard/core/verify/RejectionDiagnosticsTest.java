package io.jwtguard.core.verify;

import io.jwtguard.core.jose.Printable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A refusal's diagnostic (the exception message, logged at DEBUG by the runtime) says what was
 * expected and what the token carried, and stays one bounded, escaped line whatever the token holds:
 * values in tokens are attacker-controlled.
 */
class RejectionDiagnosticsTest {
    private static final long NOW = TestConfigs.NOW.getEpochSecond();
    private static final String FORGED_LINE = "https://evil.example\n2026-01-01 INFO forged log line\r\u202eevil";
    // the token limit (8192 characters) refuses 10 KB tokens before any claim is read (SIZE_EXCEEDED)
    private static final String HUGE = "x".repeat(5_000);

    private static String claims(String iss, String audJson, long exp) {
        return "{\"iss\":" + json(iss) + ",\"sub\":\"user-1\",\"aud\":" + audJson + ",\"iat\":" + (NOW - 10)
                + ",\"exp\":" + exp + "}";
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    private static TokenRejectedException refusal(TokenVerifier verifier, String header, String claims) {
        String token = TokenFactory.sign(header, claims, "RS256", TestKeys.RSA_2048.getPrivate());
        return catchThrowableOfType(() -> verifier.verify(token), TokenRejectedException.class);
    }

    private static void assertOneBoundedLine(String message) {
        assertThat(message).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u202e");
        assertThat(message.length()).isLessThan(1_000);
    }

    @Test
    void issuerMismatchThenExpectedAndEscapedActualShown() {
        TokenRejectedException e = refusal(TokenVerifier.create(TestConfigs.rsa().build()), TokenFactory.header("RS256"),
                claims(FORGED_LINE, json(TokenFactory.AUDIENCE), NOW + 300));
        assertThat(e.reason()).isEqualTo(RejectionReason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("expected '" + TokenFactory.ISSUER + "'")
                .contains("got 'https://evil.example\\u000a2026-01-01 INFO forged log line\\u000d\\u202eevil'");
        assertOneBoundedLine(e.getMessage());
    }

    @Test
    void issuerOf5000CharactersThenCutAndItsLengthNamed() {
        TokenRejectedException e = refusal(TokenVerifier.create(TestConfigs.rsa().build()), TokenFactory.header("RS256"),
                claims(HUGE, json(TokenFactory.AUDIENCE), NOW + 300));
        assertThat(e.getMessage()).contains("(" + HUGE.length() + " chars)");
        assertOneBoundedLine(e.getMessage());
    }

    @Test
    void issuerOf10KilobytesWithNewlinesUnderARaisedSizeLimitThenOneBoundedLine() {
        String tenKb = ("line\n").repeat(2 * 1024);
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().maxTokenSize(64 * 1024).build());
        TokenRejectedException e = refusal(verifier, TokenFactory.header("RS256"),
                claims(tenKb, json(TokenFactory.AUDIENCE), NOW + 300));
        assertThat(e.reason()).isEqualTo(RejectionReason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("(" + tenKb.length() + " chars)");
        assertOneBoundedLine(e.getMessage());
        // under the default limit the same token is refused for its size, without any of its content
        TokenRejectedException bySize = refusal(TokenVerifier.create(TestConfigs.rsa().build()), TokenFactory.header("RS256"),
                claims(tenKb, json(TokenFactory.AUDIENCE), NOW + 300));
        assertThat(bySize.reason()).isEqualTo(RejectionReason.SIZE_EXCEEDED);
        assertThat(bySize.getMessage()).doesNotContain("line");
    }

    @Test
    void audienceMismatchThenAcceptedAndFirstValuesShown() {
        String aud = "[" + json("a\nb") + "," + json(HUGE) + ",\"c\",\"d\",\"e\",\"f\",\"g\"]";
        TokenRejectedException e = refusal(TokenVerifier.create(TestConfigs.rsa().build()), TokenFactory.header("RS256"),
                claims(TokenFactory.ISSUER, aud, NOW + 300));
        assertThat(e.reason()).isEqualTo(RejectionReason.AUDIENCE_MISMATCH);
        assertThat(e.getMessage()).contains("expected one of ['orders-api']").contains("'a\\u000ab'")
                .contains("(7 values)").doesNotContain("'f'");
        assertOneBoundedLine(e.getMessage());
    }

    @Test
    void expiredThenHowLongAgoAndTheSkewShown() {
        TokenRejectedException e = refusal(TokenVerifier.create(TestConfigs.rsa().build()), TokenFactory.header("RS256"),
                claims(TokenFactory.ISSUER, json(TokenFactory.AUDIENCE), NOW - 180));
        assertThat(e.reason()).isEqualTo(RejectionReason.EXPIRED);
        assertThat(e.getMessage()).contains("180 s before now").contains("clock skew 30 s");
    }

    @Test
    void unknownKidThenTheKidAndTheTrustedKidsShown() {
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .verificationKeys(VerificationKey.ofPublicKey("k1", TestKeys.RSA_2048.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(TestConfigs.CLOCK)
                .build());
        TokenRejectedException e = refusal(verifier, "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k2\\nINFO forged\"}",
                claims(TokenFactory.ISSUER, json(TokenFactory.AUDIENCE), NOW + 300));
        assertThat(e.reason()).isEqualTo(RejectionReason.NO_MATCHING_KEY);
        assertThat(e.getMessage()).contains("kid 'k2\\u000aINFO forged'").contains("trusted kids: ['k1']");
        assertOneBoundedLine(e.getMessage());
    }

    @Test
    void algorithmNotAllowedThenTheAlgorithmAndTheAllowListShown() {
        TokenVerifier verifier = TokenVerifier.create(TestConfigs.rsa().allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS512)).build());
        TokenRejectedException e = refusal(verifier, TokenFactory.header("RS256"),
                claims(TokenFactory.ISSUER, json(TokenFactory.AUDIENCE), NOW + 300));
        assertThat(e.reason()).isEqualTo(RejectionReason.ALGORITHM_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("algorithm RS256").contains("[RS512]");
    }

    @Test
    void printableWhenQuotesBackslashesAndSurrogatesThenEscaped() {
        assertThat(Printable.quoted("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
        assertThat(Printable.quoted("\uD83D\uDE00")).isEqualTo("'\\ud83d\\ude00'");
        assertThat(Printable.quoted("\u2028\u2066")).isEqualTo("'\\u2028\\u2066'");
        assertThat(Printable.quoted(null)).isEqualTo("(none)");
        assertThat(Printable.quoted("plain https://idp/realms/a")).isEqualTo("'plain https://idp/realms/a'");
    }
}

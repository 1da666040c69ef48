package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenVerifier;
import java.util.Base64;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7515 section 2: segments are unpadded base64url with no whitespace or other characters.
 * Exactly one spelling decodes to given bytes, so no segment can have two spellings (which would
 * defeat caches, revocation by token hash and replay detection; the second valid ECDSA signature
 * is {@link SignatureMalleabilityTest}'s subject). Header and payload variants are
 * re-signed over the exact text sent, so only the encoding check can refuse them.
 */
class NonCanonicalBase64Test {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Encodes to text containing both '-' and '_' at any alignment ("~~~" is "fn5-", "???" is "Pz8_"). */
    private static final String URL_SAFE_CHARS = "\"x\":\"~~~~~~??????\"";
    private static final int HEADER = 0;
    private static final int PAYLOAD = 1;
    private static final int SIGNATURE = 2;

    private final TokenVerifier verifier = HostileTokens.rsaVerifier();

    /** A token whose header JSON has {@code mod} = length % 3, so its segment has a chosen remainder. */
    private static String token(int headerMod) {
        return token(headerMod, HostileTokens.claims());
    }

    private static String token(int headerMod, String claims) {
        String header = lengthMod3("{\"alg\":\"RS256\"," + URL_SAFE_CHARS + "}", headerMod);
        return HostileTokens.rs256(header, lengthMod3(claims.substring(0, claims.length() - 1) + ","
                + URL_SAFE_CHARS + "}", headerMod));
    }

    /** Pads a JSON object with spaces after '{' until its length % 3 is {@code mod}. */
    private static String lengthMod3(String json, int mod) {
        String padded = json;
        while (padded.length() % 3 != mod) {
            padded = "{ " + padded.substring(1);
        }
        return padded;
    }

    /** {@code token} with one segment replaced; header and payload changes are re-signed. */
    private static String alter(String token, int segment, String value) {
        String[] parts = HostileTokens.segments(token);
        if (segment == SIGNATURE) {
            return HostileTokens.withSegment(token, SIGNATURE, value);
        }
        parts[segment] = value;
        return HostileTokens.rs256Segments(parts[HEADER], parts[PAYLOAD]);
    }

    private static String segment(String token, int segment) {
        return HostileTokens.segments(token)[segment];
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void verifyWhenCanonicalSegmentsResignedThenAccepted(int headerMod) {
        String token = token(headerMod);
        String[] parts = HostileTokens.segments(token);

        assertAccepted(verifier, HostileTokens.rs256Segments(parts[HEADER], parts[PAYLOAD]));
        assertAccepted(verifier, token);
    }

    static Stream<Arguments> paddings() {
        return Stream.of(HEADER, PAYLOAD, SIGNATURE).flatMap(segment -> Stream.of(1, 2).flatMap(mod -> {
            String canonical = segment(token(mod), segment);
            int pad = (4 - canonical.length() % 4) % 4;
            return Stream.of(
                    Arguments.of(segment, mod, canonical + "=".repeat(pad)),
                    Arguments.of(segment, mod, canonical + "="),
                    Arguments.of(segment, mod, canonical + "===="));
        })).distinct();
    }

    @ParameterizedTest(name = "segment {0}, mod {1}: {2}")
    @MethodSource("paddings")
    void verifyWhenSegmentPaddedThenMalformedEncoding(int segment, int mod, String padded) {
        assertRejected(verifier, alter(token(mod), segment, padded), RejectionReason.MALFORMED_ENCODING);
    }

    static Stream<Arguments> whitespace() {
        return Stream.of(HEADER, PAYLOAD, SIGNATURE).flatMap(segment -> Stream.of(" ", "\n", "\r\n", "\t", "\u000B",
                "\f", "\u00A0", "\u2028").flatMap(ws -> Stream.of(
                        Arguments.of(segment, "inside", ws),
                        Arguments.of(segment, "leading", ws),
                        Arguments.of(segment, "trailing", ws))));
    }

    @ParameterizedTest(name = "segment {0}, {1} {2}")
    @MethodSource("whitespace")
    void verifyWhenSegmentHasWhitespaceThenMalformedEncoding(int segment, String where, String ws) {
        String canonical = segment(token(0), segment);
        String spaced = where.equals("leading") ? ws + canonical : where.equals("trailing") ? canonical + ws
                : canonical.substring(0, 8) + ws + canonical.substring(8);

        assertRejected(verifier, alter(token(0), segment, spaced), RejectionReason.MALFORMED_ENCODING);
    }

    /** MIME-style line breaks every 76 characters, as {@code java.util.Base64.getMimeEncoder()} writes. */
    @Test
    void verifyWhenSignatureHasMimeLineBreaksThenMalformedEncoding() {
        String canonical = segment(token(0), SIGNATURE);
        String mime = canonical.substring(0, 76) + "\r\n" + canonical.substring(76);

        assertRejected(verifier, alter(token(0), SIGNATURE, mime), RejectionReason.MALFORMED_ENCODING);
    }

    static Stream<Arguments> standardAlphabet() {
        return Stream.of(HEADER, PAYLOAD, SIGNATURE).flatMap(segment -> Stream.of(
                Arguments.of(segment, '-', '+'), Arguments.of(segment, '_', '/')));
    }

    @ParameterizedTest(name = "segment {0}: {1} -> {2}")
    @MethodSource("standardAlphabet")
    void verifyWhenSegmentUsesStandardBase64AlphabetThenMalformedEncoding(int segment, char urlSafe, char standard) {
        String token = tokenWithUrlSafeSignature();
        String canonical = segment(token, segment);
        assertThat(canonical).contains(String.valueOf(urlSafe));
        String altered = canonical.replace(urlSafe, standard);

        assertRejected(verifier, alter(token, segment, altered), RejectionReason.MALFORMED_ENCODING);
    }

    /**
     * The last character of a segment of length % 4 of 2 or 3 carries 4 or 2 unused bits; setting
     * any of them gives a second spelling of the same bytes (lenient decoders, java.util.Base64
     * included, ignore them).
     */
    static Stream<Arguments> trailingBits() {
        Stream<Arguments> headerAndPayload = Stream.of(HEADER, PAYLOAD).flatMap(segment -> Stream.of(1, 2)
                .flatMap(mod -> {
                    int remainder = segment(token(mod), segment).length() % 4;
                    return IntStream.range(0, remainder == 2 ? 4 : 2).mapToObj(bit -> Arguments.of(segment, mod, bit));
                }));
        Stream<Arguments> signature = IntStream.range(0, 4).mapToObj(bit -> Arguments.of(SIGNATURE, 0, bit));
        return Stream.concat(headerAndPayload, signature);
    }

    @ParameterizedTest(name = "segment {0}, mod {1}, bit {2}")
    @MethodSource("trailingBits")
    void verifyWhenSegmentHasNonZeroTrailingBitsThenMalformedEncoding(int segment, int mod, int bit) {
        String token = token(mod);
        String canonical = segment(token, segment);
        assertThat(canonical.length() % 4).isIn(2, 3);
        char last = canonical.charAt(canonical.length() - 1);
        String altered = canonical.substring(0, canonical.length() - 1)
                + ALPHABET.charAt(ALPHABET.indexOf(last) | 1 << bit);
        assertThat(altered).isNotEqualTo(canonical);
        assertThat(Base64.getUrlDecoder().decode(altered)).as("same bytes")
                .isEqualTo(Base64.getUrlDecoder().decode(canonical));

        assertRejected(verifier, alter(token, segment, altered), RejectionReason.MALFORMED_ENCODING);
    }

    static Stream<Arguments> foreignCharacters() {
        return Stream.of(HEADER, PAYLOAD, SIGNATURE).flatMap(segment -> Stream.of(
                "\u00E9", "\uFF21", "\u0663", "\u0410", "\u0000", "\u007F", "\uD83D\uDE00", "!", "%2D", "*", "~", "\\",
                "\"").map(c -> Arguments.of(segment, c)));
    }

    @ParameterizedTest(name = "segment {0}: {1}")
    @MethodSource("foreignCharacters")
    void verifyWhenSegmentHasNonAlphabetCharacterThenMalformedEncoding(int segment, String character) {
        String canonical = segment(token(0), segment);
        String altered = canonical.substring(0, 4) + character + canonical.substring(4 + 1);

        assertRejected(verifier, alter(token(0), segment, altered), RejectionReason.MALFORMED_ENCODING);
    }

    /** No byte string encodes to a length of 4k + 1 characters. */
    @ParameterizedTest
    @ValueSource(ints = {HEADER, PAYLOAD, SIGNATURE})
    void verifyWhenSegmentLengthIsOneModFourThenMalformedEncoding(int segment) {
        String token = token(0);
        String canonical = segment(token, segment);
        String altered = canonical + "A".repeat((5 - canonical.length() % 4) % 4);
        assertThat(altered.length() % 4).isEqualTo(1);

        assertRejected(verifier, alter(token, segment, altered), RejectionReason.MALFORMED_ENCODING);
    }

    @Test
    void verifyWhenPayloadIsOneCharacterThenMalformedEncoding() {
        assertRejected(verifier, HostileTokens.rs256Segments(TokenFactory.b64("{\"alg\":\"RS256\"}"), "e"),
                RejectionReason.MALFORMED_ENCODING);
    }

    /** A token whose signature segment contains both '-' and '_' (varying jti until it does). */
    private static String tokenWithUrlSafeSignature() {
        for (int i = 0; i < 1000; i++) {
            String claims = HostileTokens.claims().replace("\"id-1\"", "\"id-" + i + "\"");
            String token = token(0, claims);
            String signature = segment(token, SIGNATURE);
            if (signature.contains("-") && signature.contains("_")) {
                return token;
            }
        }
        throw new IllegalStateException("no signature with '-' and '_' in 1000 tries");
    }
}

package io.jwtguard.core.jose;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses a JOSE header or a JWT claims set into an immutable {@link JsonObject}, strictly:
 * the bytes must be valid UTF-8 (malformed sequences are refused, not replaced), the text a
 * single JSON object exactly as RFC 8259 defines it (no comments, no trailing commas, no
 * leading zeros, no unescaped control characters, only the four JSON whitespace characters),
 * no object may repeat a member name (RFC 7515 section 4 and RFC 7519 section 4 allow refusing
 * them; we always do), and nesting is limited to {@link #MAX_DEPTH} levels.
 *
 * <p>This parser is hand-written because it runs on every request (the verification hot path):
 * it reads the decoded bytes directly, with no character decoding pass, no reader and no map
 * per object. The values it returns are plain JSON-P values ({@link jakarta.json.JsonString},
 * {@link jakarta.json.JsonNumber} from the platform provider; objects and arrays are immutable
 * JSON-P views); a test compares it with Parsson on generated and mutated documents.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrictJson {
    /** The deepest nesting of objects and arrays accepted, the top-level object counting as 1. */
    public static final int MAX_DEPTH = 16;

    static final JsonProvider PROVIDER = JsonProvider.provider();
    /** Integers with at most this many digits fit a long exactly. */
    static final int LONG_DIGITS = 18;

    private StrictJson() {
    }

    /**
     * @param utf8 the JSON text as UTF-8 bytes, not null; not modified
     * @return the parsed object, never null
     * @throws MalformedJsonException if the bytes are not a strict JSON object
     */
    public static JsonObject parseObject(byte[] utf8) throws MalformedJsonException {
        return new StrictJsonParser(utf8).document();
    }

    /**
     * @param text JSON text, not null
     * @return the parsed object, never null
     * @throws MalformedJsonException if the text is not a strict JSON object (or holds an unpaired surrogate)
     */
    public static JsonObject parseObject(String text) throws MalformedJsonException {
        byte[] utf8;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
        } catch (CharacterCodingException e) {
            throw syntax("the text holds an unpaired surrogate");
        }
        return parseObject(utf8);
    }

    /**
     * Decodes UTF-8 strictly: overlong forms, encoded surrogates, code points over U+10FFFF and
     * truncated sequences are refused, never replaced.
     */
    static String strictUtf8(byte[] bytes, int from, int to) throws MalformedJsonException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw syntax("not valid UTF-8");
        }
    }

    static MalformedJsonException syntax(String message) {
        return new MalformedJsonException(MalformedJsonException.Kind.SYNTAX, message);
    }
}

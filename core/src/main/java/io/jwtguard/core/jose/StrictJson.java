package io.jwtguard.core.jose;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parses a JOSE header or a JWT claims set into an immutable {@link JsonObject}, strictly:
 * the bytes must be valid UTF-8 (malformed sequences are refused, not replaced), the text a
 * single JSON object, no object may repeat a member name (RFC 7515 section 4 and RFC 7519
 * section 4 allow refusing them; we always do), and nesting is limited to
 * {@link #MAX_DEPTH} levels. Parsson does the tokenising; the structure checks are ours so that
 * the failure {@link MalformedJsonException#kind() kind} never has to be read from a message.
 *
 * <p>Thread-safe: one shared parser factory and provider.
 */
public final class StrictJson {
    /** The deepest nesting of objects and arrays accepted, the top-level object counting as 1. */
    public static final int MAX_DEPTH = 16;

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

    private StrictJson() {
    }

    /**
     * @param utf8 the JSON text as UTF-8 bytes, not null
     * @return the parsed object, never null
     * @throws MalformedJsonException if the bytes are not a strict JSON object
     */
    public static JsonObject parseObject(byte[] utf8) throws MalformedJsonException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException(MalformedJsonException.Kind.SYNTAX, "not valid UTF-8");
        }
        return parseObject(text);
    }

    /**
     * @param text JSON text, not null
     * @return the parsed object, never null
     * @throws MalformedJsonException if the text is not a strict JSON object
     */
    public static JsonObject parseObject(String text) throws MalformedJsonException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw syntax("the top-level value is not a JSON object");
            }
            JsonObject result = readObject(parser);
            if (parser.hasNext()) {
                throw syntax("text follows the top-level object");
            }
            return result;
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException, NumberFormatException...: all are "not strict JSON"
            throw syntax("invalid JSON");
        }
    }

    /** Reads the members of an object whose START_OBJECT was just consumed; iterative, depth-checked. */
    private static JsonObject readObject(JsonParser parser) throws MalformedJsonException {
        Deque<Frame> stack = new ArrayDeque<>();
        Frame current = Frame.object();
        while (true) {
            Event event = parser.next();
            String key = null;
            if (current.object != null) {
                if (event == Event.END_OBJECT) {
                    JsonValue done = current.object.build();
                    if (stack.isEmpty()) {
                        return (JsonObject) done;
                    }
                    current = stack.pop();
                    current.add(done);
                    continue;
                }
                // event is KEY_NAME
                key = parser.getString();
                if (!current.keys.add(key)) {
                    throw new MalformedJsonException(MalformedJsonException.Kind.DUPLICATE_MEMBER,
                            "a JSON object repeats a member name");
                }
                current.pendingKey = key;
                event = parser.next();
            } else if (event == Event.END_ARRAY) {
                JsonValue done = current.array.build();
                current = stack.pop();
                current.add(done);
                continue;
            }
            switch (event) {
                case START_OBJECT:
                case START_ARRAY:
                    if (stack.size() + 2 > MAX_DEPTH) {
                        throw syntax("JSON nesting exceeds " + MAX_DEPTH + " levels");
                    }
                    stack.push(current);
                    current = event == Event.START_OBJECT ? Frame.object() : Frame.array();
                    break;
                case VALUE_STRING:
                    current.add(PROVIDER.createValue(parser.getString()));
                    break;
                case VALUE_NUMBER:
                    current.add(PROVIDER.createValue(parser.getBigDecimal()));
                    break;
                case VALUE_TRUE:
                    current.add(JsonValue.TRUE);
                    break;
                case VALUE_FALSE:
                    current.add(JsonValue.FALSE);
                    break;
                case VALUE_NULL:
                    current.add(JsonValue.NULL);
                    break;
                default:
                    throw syntax("unexpected JSON event " + event);
            }
        }
    }

    private static MalformedJsonException syntax(String message) {
        return new MalformedJsonException(MalformedJsonException.Kind.SYNTAX, message);
    }

    /** One open object or array. */
    private static final class Frame {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        final Set<String> keys;
        String pendingKey;

        private Frame(JsonObjectBuilder object, JsonArrayBuilder array) {
            this.object = object;
            this.array = array;
            this.keys = object != null ? new HashSet<>() : null;
        }

        static Frame object() {
            return new Frame(PROVIDER.createObjectBuilder(), null);
        }

        static Frame array() {
            return new Frame(null, PROVIDER.createArrayBuilder());
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(pendingKey, value);
            } else {
                array.add(value);
            }
        }
    }
}

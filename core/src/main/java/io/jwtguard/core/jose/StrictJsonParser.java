package io.jwtguard.core.jose;

import static io.jwtguard.core.jose.StrictJson.LONG_DIGITS;
import static io.jwtguard.core.jose.StrictJson.MAX_DEPTH;
import static io.jwtguard.core.jose.StrictJson.PROVIDER;
import static io.jwtguard.core.jose.StrictJson.strictUtf8;
import static io.jwtguard.core.jose.StrictJson.syntax;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One parse of one document for {@link StrictJson}: a cursor over its bytes. Outside strings
 * only ASCII is valid JSON; inside them, non-ASCII bytes are decoded as strict UTF-8. Not
 * thread-safe; one instance per document.
 */
final class StrictJsonParser {
    private final byte[] in;
    private int pos;

    StrictJsonParser(byte[] in) {
        this.in = in;
    }

    JsonObject document() throws MalformedJsonException {
        skipWhitespace();
        if (pos >= in.length || in[pos] != '{') {
            throw syntax("the top-level value is not a JSON object");
        }
        pos++;
        JsonObject result = object(1);
        skipWhitespace();
        if (pos != in.length) {
            throw syntax("text follows the top-level object");
        }
        return result;
    }

    /** The members of an object whose '{' was just read, at nesting level {@code depth}. */
    private JsonObject object(int depth) throws MalformedJsonException {
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return StrictJsonObject.EMPTY;
        }
        int capacity = depth == 1 ? 16 : 4; // a claims set has about a dozen members
        String[] names = new String[capacity];
        JsonValue[] values = new JsonValue[capacity];
        Set<String> seen = null; // past a few members, duplicates are found by hashing, not by scanning
        int count = 0;
        while (true) {
            if (next() != '"') {
                throw syntax("an object member name is not a string");
            }
            String name = memberName();
            if (seen == null) {
                for (int i = 0; i < count; i++) {
                    if (names[i].equals(name)) {
                        throw duplicate();
                    }
                }
                if (count == StrictJsonObject.LINEAR_LIMIT) {
                    seen = new HashSet<>();
                    for (int i = 0; i < count; i++) {
                        seen.add(names[i]);
                    }
                    seen.add(name);
                }
            } else if (!seen.add(name)) {
                throw duplicate();
            }
            skipWhitespace();
            if (next() != ':') {
                throw syntax("an object member name is not followed by ':'");
            }
            skipWhitespace();
            JsonValue value = value(depth);
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count] = value;
            count++;
            skipWhitespace();
            int separator = next();
            if (separator == '}') {
                return new StrictJsonObject(names, values, count);
            }
            if (separator != ',') {
                throw syntax("an object member is not followed by ',' or '}'");
            }
            skipWhitespace();
        }
    }

    /** The elements of an array whose '[' was just read, at nesting level {@code depth}. */
    private JsonValue array(int depth) throws MalformedJsonException {
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return StrictJsonArray.EMPTY;
        }
        JsonValue[] elements = new JsonValue[4];
        int count = 0;
        while (true) {
            JsonValue value = value(depth);
            if (count == elements.length) {
                elements = Arrays.copyOf(elements, count * 2);
            }
            elements[count++] = value;
            skipWhitespace();
            int separator = next();
            if (separator == ']') {
                return new StrictJsonArray(elements, count);
            }
            if (separator != ',') {
                throw syntax("an array element is not followed by ',' or ']'");
            }
            skipWhitespace();
        }
    }

    /** A value starting at the cursor, inside a container at nesting level {@code depth}. */
    private JsonValue value(int depth) throws MalformedJsonException {
        int c = peek();
        switch (c) {
            case '{':
            case '[':
                if (depth + 1 > MAX_DEPTH) {
                    throw syntax("JSON nesting exceeds " + MAX_DEPTH + " levels");
                }
                pos++;
                return c == '{' ? object(depth + 1) : array(depth + 1);
            case '"':
                pos++;
                return PROVIDER.createValue(string());
            case 't':
                literal("true");
                return JsonValue.TRUE;
            case 'f':
                literal("false");
                return JsonValue.FALSE;
            case 'n':
                literal("null");
                return JsonValue.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw syntax("a value is expected");
        }
    }

    private void literal(String word) throws MalformedJsonException {
        if (pos + word.length() > in.length) {
            throw syntax("invalid literal");
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw syntax("invalid literal");
            }
        }
        pos += word.length();
    }

    /** RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private JsonValue number() throws MalformedJsonException {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw syntax("a number has no digits");
        }
        int intDigits = pos - intStart;
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw syntax("a number has no digits after '.'");
            }
            integral = false;
        }
        int e = peek();
        if (e == 'e' || e == 'E') {
            pos++;
            int sign = peek();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            if (!digits()) {
                throw syntax("a number has no exponent digits");
            }
            integral = false;
        }
        if (integral && intDigits <= LONG_DIGITS) {
            long value = 0;
            for (int i = intStart; i < pos; i++) {
                value = value * 10 + (in[i] - '0');
            }
            return PROVIDER.createValue(negative ? -value : value);
        }
        try {
            return PROVIDER.createValue(new BigDecimal(new String(in, start, pos - start,
                    StandardCharsets.ISO_8859_1)));
        } catch (NumberFormatException tooLarge) { // an exponent beyond the range of an int
            throw syntax("a number is out of range");
        }
    }

    /** @return whether at least one decimal digit was read */
    private boolean digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    /**
     * A member name whose opening quote was just read: the usual JOSE and JWT names come from
     * {@link KnownNames} (no allocation, and lookups then match by identity).
     */
    private String memberName() throws MalformedJsonException {
        int start = pos;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                String known = KnownNames.find(in, start, pos);
                if (known != null) {
                    pos++;
                    return known;
                }
                break;
            }
            if (b == '\\' || b < 0x20) { // escapes, control and non-ASCII bytes: the general path
                break;
            }
            pos++;
        }
        pos = start;
        return string();
    }

    /** The rest of a string whose opening quote was just read. */
    private String string() throws MalformedJsonException {
        int start = pos;
        boolean ascii = true;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                String s = ascii ? latin1(start, pos) : strictUtf8(in, start, pos);
                pos++;
                return s;
            }
            if (b == '\\') {
                return escapedString(start);
            }
            if (b < 0x20) {
                if (b >= 0) {
                    throw syntax("a string holds an unescaped control character");
                }
                ascii = false; // a byte of a UTF-8 sequence
            }
            pos++;
        }
        throw syntax("a string is not terminated");
    }

    /** The slow path, from the first backslash of a string that began at {@code start}. */
    private String escapedString(int start) throws MalformedJsonException {
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(text(start, pos));
        int run = pos;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                sb.append(text(run, pos));
                pos++;
                return sb.toString();
            }
            if (b >= 0 && b < 0x20) {
                throw syntax("a string holds an unescaped control character");
            }
            if (b != '\\') {
                pos++;
                continue;
            }
            sb.append(text(run, pos));
            if (pos + 1 >= in.length) {
                break;
            }
            byte escape = in[pos + 1];
            pos += 2;
            switch (escape) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    sb.append(hexChar());
                    break;
                default:
                    throw syntax("a string holds an invalid escape");
            }
            run = pos;
        }
        throw syntax("a string is not terminated");
    }

    private char hexChar() throws MalformedJsonException {
        if (pos + 4 > in.length) {
            throw syntax("a \\u escape is truncated");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in[pos + i], 16);
            if (digit < 0 || in[pos + i] < 0) {
                throw syntax("a \\u escape has a non-hex digit");
            }
            value = value << 4 | digit;
        }
        pos += 4;
        return (char) value;
    }

    /** A run of string content without escapes: strict UTF-8 when it holds a non-ASCII byte. */
    private String text(int from, int to) throws MalformedJsonException {
        for (int i = from; i < to; i++) {
            if (in[i] < 0) {
                return strictUtf8(in, from, to);
            }
        }
        return latin1(from, to);
    }

    /** ASCII bytes as a string: the cheapest String construction there is. */
    private String latin1(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    /** @return the byte at the cursor, or -1 at the end */
    private int peek() {
        return pos < in.length ? in[pos] : -1;
    }

    /** @return the byte at the cursor, consumed, or -1 at the end */
    private int next() {
        return pos < in.length ? in[pos++] : -1;
    }

    private static MalformedJsonException duplicate() {
        return new MalformedJsonException(MalformedJsonException.Kind.DUPLICATE_MEMBER,
                "a JSON object repeats a member name");
    }
}

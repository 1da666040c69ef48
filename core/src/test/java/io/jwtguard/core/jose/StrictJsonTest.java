package io.jwtguard.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written strict parser: RFC 8259's grammar exactly, strict UTF-8, no duplicate
 * members, bounded depth, and the same values as Parsson for every document both accept
 * (checked on a fixed corpus and on generated, mutated documents).
 */
class StrictJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        " \t\r\n{ \t\r\n} \t\r\n",
        "{\"a\":1}",
        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-1\"}",
        "{\"n\":-0,\"m\":0,\"big\":123456789012345678,\"bigger\":1234567890123456789012,\"neg\":-42}",
        "{\"f\":1.5,\"e\":1e3,\"E\":2E-2,\"p\":3e+10,\"z\":0.0,\"ne\":-0.5e-7}",
        "{\"t\":true,\"f\":false,\"n\":null}",
        "{\"a\":[],\"o\":{},\"nested\":[[1,[2,{\"x\":[3]}]],{\"y\":{\"z\":null}}]}",
        "{\"esc\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t u\\u00e9\\u20AC \\ud83d\\ude00\"}",
        "{\"lone\":\"\\ud800\"}",
        "{\"nul\":\"a\\u0000b\"}",
        "{\"utf8\":\"caf\u00e9 \u20ac \ud83d\ude00 \u65e5\u672c\"}",
        "{\"caf\u00e9\":1,\"esc\\u0061ped\":2}",
        "{\"groups\":[\"user\",\"admin\"],\"aud\":\"orders\",\"exp\":1700000000,\"iat\":1699999000}",
    })
    void acceptsWhatParssonAcceptsWithTheSameValues(String json) throws Exception {
        JsonObject ours = StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
        JsonObject parsson = Json.createReader(new StringReader(json)).readObject();

        assertThat(ours).isEqualTo(parsson);
        assertThat(parsson).isEqualTo(ours);
        assertThat(ours.hashCode()).isEqualTo(parsson.hashCode());
        assertThat(List.copyOf(ours.keySet())).isEqualTo(List.copyOf(parsson.keySet()));
        assertThat(Json.createReader(new StringReader(ours.toString())).readObject()).isEqualTo(parsson);
        assertThat(StrictJson.parseObject(json)).isEqualTo(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "[{}]", "\"a\"", "1", "null", "{", "}", "{}}", "{} {}", "{}x", "{\"a\":1}]",
        "{\"a\":1,}", "{,\"a\":1}", "{\"a\" 1}", "{\"a\"::1}", "{\"a\":}", "{\"a\":1 \"b\":2}", "{a:1}",
        "{'a':1}", "{\"a\":'x'}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}", "{\"a\":[1}", "{\"a\":{]}",
        "{\"a\":01}", "{\"a\":-01}", "{\"a\":00}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}",
        "{\"a\":-}", "{\"a\":+1}", "{\"a\":0x10}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}",
        "{\"a\":1e9999999999}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":fals}",
        "{\"a\":\"x}", "{\"a\":\"x\\\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"\\U0041\"}", "{\"a\":\"\\\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"nl\nhere\"}",
        "{\"a\":\"\u0001\"}", "{\"a\":1}\u0000", "{\"a\":1/*c*/}", "{\"a\":1}//", "\u000c{}", "{\u00a0}",
        "\ufeff{}", "{\"a\":\"\\ud83d\\ude0\"}",
    })
    void refusesWhatRfc8259Refuses(String json) {
        assertSyntaxError(json.getBytes(StandardCharsets.UTF_8));
        assertThat(referenceParse(json.getBytes(StandardCharsets.UTF_8))).isNotEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void refusesMalformedUtf8InNamesAndValues() {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF},                           // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},              // overlong, three bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // an encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // no such lead byte
            {(byte) 0xC3},                                        // truncated
            {(byte) 0x80},                                        // a lone continuation byte
            {(byte) 0xFF},
        };
        for (byte[] sequence : bad) {
            assertSyntaxError(concat("{\"a\":\"x", sequence, "y\"}"));
            assertSyntaxError(concat("{\"a\":\"\\n", sequence, "\"}"));
            assertSyntaxError(concat("{\"", sequence, "\":1}"));
            assertSyntaxError(concat("{\"a\":", sequence, "}"));
        }
        // the same positions with valid UTF-8 pass
        assertThat(parse(concat("{\"a\":\"x", new byte[] {(byte) 0xC3, (byte) 0xA9}, "y\"}")).getString("a"))
                .isEqualTo("x\u00e9y");
    }

    @Test
    void refusesDuplicateMembersInSmallLargeAndNestedObjects() {
        assertDuplicate("{\"a\":1,\"a\":2}");
        assertDuplicate("{\"alg\":\"RS256\",\"alg\":\"none\"}");
        assertDuplicate("{\"a\":1,\"\\u0061\":2}"); // the same name, spelled with an escape
        assertDuplicate("{\"o\":{\"x\":1,\"y\":2,\"x\":3}}");
        for (int members : new int[] {15, 16, 17, 40}) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < members; i++) {
                json.append("\"m").append(i).append("\":").append(i).append(',');
            }
            String unique = json + "\"last\":0}";
            assertThat(parse(unique.getBytes(StandardCharsets.UTF_8))).hasSize(members + 1);
            assertDuplicate(json + "\"m0\":0}");
            assertDuplicate(json + "\"m" + (members - 1) + "\":0}");
        }
    }

    @Test
    void largeObjectsFindEveryMember() throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        JsonObject object = StrictJson.parseObject(json.append('}').toString());
        for (int i = 0; i < 100; i++) {
            assertThat(object.getInt("m" + i)).isEqualTo(i);
        }
        assertThat(object.get("m100")).isNull();
        assertThat(object.containsKey("m99")).isTrue();
    }

    @Test
    void limitsNestingToMaxDepth() throws Exception {
        for (String open : new String[] {"{\"k\":", "["}) {
            String close = open.equals("[") ? "]" : "}";
            String ok = "{\"d\":" + open.repeat(StrictJson.MAX_DEPTH - 2) + "{}" + close.repeat(StrictJson.MAX_DEPTH - 2) + "}";
            assertThat(StrictJson.parseObject(ok)).containsKey("d");
            String deep = "{\"d\":" + open.repeat(StrictJson.MAX_DEPTH - 1) + "{}" + close.repeat(StrictJson.MAX_DEPTH - 1) + "}";
            assertSyntaxError(deep.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void valuesAreTypedLikeJsonP() throws Exception {
        JsonObject o = StrictJson.parseObject("{\"s\":\"x\",\"i\":7,\"l\":1700000000,\"d\":1.25,\"big\":"
                + "99999999999999999999,\"t\":true,\"f\":false,\"n\":null,\"a\":[\"u\",1],\"o\":{\"k\":\"v\"}}");
        assertThat(o.getString("s")).isEqualTo("x");
        assertThat(o.getString("i", "dflt")).isEqualTo("dflt");
        assertThat(o.getInt("i")).isEqualTo(7);
        assertThat(o.getInt("s", -1)).isEqualTo(-1);
        assertThat(o.getJsonNumber("l").longValueExact()).isEqualTo(1_700_000_000L);
        assertThat(o.getJsonNumber("l").isIntegral()).isTrue();
        assertThat(o.getJsonNumber("d").isIntegral()).isFalse();
        assertThat(o.getJsonNumber("d").bigDecimalValue()).isEqualByComparingTo(new BigDecimal("1.25"));
        assertThat(o.getJsonNumber("big").bigIntegerValue().toString()).isEqualTo("99999999999999999999");
        assertThat(o.getBoolean("t")).isTrue();
        assertThat(o.getBoolean("f")).isFalse();
        assertThat(o.getBoolean("missing", true)).isTrue();
        assertThat(o.isNull("n")).isTrue();
        assertThat(o.isNull("t")).isFalse();
        assertThat(o.getJsonArray("a").getString(0)).isEqualTo("u");
        assertThat(o.getJsonArray("a").getInt(1)).isEqualTo(1);
        assertThat(o.getJsonArray("a").getValuesAs(JsonValue.class)).hasSize(2);
        assertThat(o.getJsonObject("o").getString("k")).isEqualTo("v");
        assertThat(o.getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
        assertThat(o.getValue("/o/k")).isEqualTo(Json.createValue("v"));
        assertThatThrownBy(() -> o.put("x", JsonValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> o.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> o.getJsonArray("a").add(JsonValue.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> o.getBoolean("s")).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> o.isNull("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesAStringWithAnUnpairedSurrogate() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\"a\":\"\ud800\"}"))
                .isInstanceOfSatisfying(MalformedJsonException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedJsonException.Kind.SYNTAX));
    }

    /**
     * Differential test: generated documents, then mutated byte by byte; our parser must accept
     * exactly what the reference (Parsson's tokenizer plus strict UTF-8, duplicate and depth
     * checks) accepts, with equal values, and refuse with the same kind otherwise.
     */
    @Test
    void agreesWithTheReferenceOnGeneratedAndMutatedDocuments() {
        Random random = new Random(20261129L);
        byte[] alphabet = "{}[]:,\"\\ -+.0123456789eEtrufalsn\tu\u00e9xyz".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        int refused = 0;
        for (int doc = 0; doc < 1500; doc++) {
            byte[] base = randomObject(random, 0).toString().getBytes(StandardCharsets.UTF_8);
            for (int mutation = 0; mutation < 12; mutation++) {
                byte[] input = mutation == 0 ? base : mutate(base, random, alphabet);
                Outcome expected = referenceParse(input);
                Outcome actual;
                JsonObject ours = null;
                try {
                    ours = StrictJson.parseObject(input);
                    actual = Outcome.ACCEPTED;
                } catch (MalformedJsonException e) {
                    actual = e.kind() == MalformedJsonException.Kind.DUPLICATE_MEMBER ? Outcome.DUPLICATE : Outcome.SYNTAX;
                }
                if (expected == Outcome.INVALID_UTF8) {
                    // UTF-8 is checked as strings are read: a duplicate before the bad bytes is found first
                    assertThat(actual).as("%s", new String(input, StandardCharsets.UTF_8)).isNotEqualTo(Outcome.ACCEPTED);
                } else {
                    assertThat(actual).as("%s", new String(input, StandardCharsets.UTF_8)).isEqualTo(expected);
                }
                if (actual == Outcome.ACCEPTED) {
                    accepted++;
                    assertThat(ours).isEqualTo(Json.createReader(new StringReader(
                            new String(input, StandardCharsets.UTF_8))).readObject());
                } else {
                    refused++;
                }
            }
        }
        // the corpus exercises both sides
        assertThat(accepted).isGreaterThan(1500);
        assertThat(refused).isGreaterThan(5000);
    }

    private static JsonObject randomObject(Random random, int depth) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        int members = random.nextInt(depth == 0 ? 20 : 4);
        for (int i = 0; i < members; i++) {
            String[] names = {"iss", "sub", "aud", "exp", "groups", "x", "caf\u00e9", "n" + random.nextInt(30), "a\"b"};
            object.add(names[random.nextInt(names.length)], randomValue(random, depth + 1));
        }
        return object.build();
    }

    private static JsonValue randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 5 ? 5 : 7)) {
            case 0: return Json.createValue("s" + random.nextInt(1000) + (random.nextBoolean() ? "\u00e9\n" : ""));
            case 1: return Json.createValue(random.nextLong() >> random.nextInt(64));
            case 2: return Json.createValue(new BigDecimal(random.nextGaussian() * 1e6).setScale(random.nextInt(5),
                    java.math.RoundingMode.HALF_UP));
            case 3: return random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 4: return JsonValue.NULL;
            case 5: {
                var array = Json.createArrayBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                return array.build();
            }
            default: return randomObject(random, depth);
        }
    }

    private static byte[] mutate(byte[] base, Random random, byte[] alphabet) {
        byte[] out = base.clone();
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(3)) {
                case 0: out[at] = alphabet[random.nextInt(alphabet.length)]; break;
                case 1: out = concat(new String(out, 0, at, StandardCharsets.ISO_8859_1),
                        new byte[] {alphabet[random.nextInt(alphabet.length)]},
                        new String(out, at, out.length - at, StandardCharsets.ISO_8859_1), true); break;
                default: {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
            }
        }
        return out;
    }

    enum Outcome { ACCEPTED, SYNTAX, DUPLICATE, INVALID_UTF8 }

    /** The reference: strict UTF-8 decoding, Parsson's tokenizer, our duplicate and depth rules. */
    private static Outcome referenceParse(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return Outcome.INVALID_UTF8;
        }
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                return Outcome.SYNTAX;
            }
            Deque<Set<String>> objects = new ArrayDeque<>();
            objects.push(new HashSet<>());
            int depth = 1;
            while (depth > 0) {
                Event event = parser.next();
                switch (event) {
                    case KEY_NAME:
                        if (!objects.peek().add(parser.getString())) {
                            return Outcome.DUPLICATE;
                        }
                        break;
                    case START_OBJECT:
                    case START_ARRAY:
                        if (++depth > StrictJson.MAX_DEPTH) {
                            return Outcome.SYNTAX;
                        }
                        objects.push(event == Event.START_OBJECT ? new HashSet<>() : Set.of());
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        depth--;
                        objects.pop();
                        break;
                    case VALUE_NUMBER:
                        parser.getBigDecimal();
                        break;
                    default:
                        break;
                }
            }
            return parser.hasNext() ? Outcome.SYNTAX : Outcome.ACCEPTED;
        } catch (RuntimeException e) {
            return Outcome.SYNTAX;
        }
    }

    private static JsonObject parse(byte[] json) {
        try {
            return StrictJson.parseObject(json);
        } catch (MalformedJsonException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static void assertSyntaxError(byte[] json) {
        assertThatThrownBy(() -> StrictJson.parseObject(json))
                .as(new String(json, StandardCharsets.ISO_8859_1))
                .isInstanceOfSatisfying(MalformedJsonException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedJsonException.Kind.SYNTAX));
    }

    private static void assertDuplicate(String json) {
        assertThatThrownBy(() -> StrictJson.parseObject(json))
                .as(json)
                .isInstanceOfSatisfying(MalformedJsonException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedJsonException.Kind.DUPLICATE_MEMBER));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        return concat(before, middle, after, false);
    }

    private static byte[] concat(String before, byte[] middle, String after, boolean latin1) {
        var charset = latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        byte[] a = before.getBytes(charset);
        byte[] c = after.getBytes(charset);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

}

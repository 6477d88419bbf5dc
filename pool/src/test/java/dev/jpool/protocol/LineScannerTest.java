package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LineScanner} against Jackson's parser, the reference: the same lines accepted, the same
 * names and scalars read, each value's end where Jackson's ends.
 */
class LineScannerTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The top-level fields as the scanner reads them (other values as their text), or the Malformed it throws. */
    private static Map<String, Object> scanned(byte[] line) throws LineScanner.Malformed {
        Map<String, Object> fields = new LinkedHashMap<>();
        LineScanner scanner = new LineScanner(line);
        if (scanner.open()) {
            do {
                String name = scanner.name();
                int start = scanner.position();
                Object value = scanner.scalar();
                fields.put(name, value == LineScanner.OTHER
                        ? "other:" + new String(line, start, scanner.position() - start, StandardCharsets.UTF_8)
                        : value == LineScanner.NULL ? "null" : value);
            } while (scanner.next());
        }
        scanner.close();
        return fields;
    }

    /** The same from Jackson's parser, or null where Jackson refuses the line. */
    private static Map<String, Object> jackson(byte[] line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = JACKSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                Object value = switch (token) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> "null";
                    case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null
                            : (Object) parser.getLongValue();
                    default -> null;
                };
                if (value == null) {
                    parser.skipChildren();
                    parser.finishToken();
                    long end = parser.currentLocation().getByteOffset();
                    value = "other:" + new String(line, (int) start, (int) (end - start), StandardCharsets.UTF_8);
                }
                fields.put(name, value);
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return fields;
    }

    private static void agreesWithJackson(byte[] line) {
        Map<String, Object> reference = jackson(line);
        Map<String, Object> ours;
        try {
            ours = scanned(line);
        } catch (LineScanner.Malformed e) {
            assertEquals(null, reference, () -> "refused what Jackson reads (" + e.getMessage() + "): "
                    + new String(line, StandardCharsets.UTF_8));
            return;
        }
        assertEquals(reference, ours, () -> new String(line, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", " { } ", "{\"a\":1}", "{\"type\":\"run\",\"v\":1,\"id\":-9223372036854775808,\"task\":\"x.Y$Z\"}",
        "{\"n\":9223372036854775807,\"big\":9223372036854775808,\"f\":1.5,\"e\":1e9,\"E\":-2E-3,\"z\":0,\"mz\":-0}",
        "{\"s\":\"quote \\\" back \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 π≈3 😀\"}",
        "{\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[2,{\"b\":[]}],\"]}\"],\"o\":{\"x\":{},\"y\":[ ]}}",
        "{\"dup\":1,\"dup\":2}", "{ \"a\" : [ 1 , 2 ] , \"b\" : { \"c\" : null } }",
        // refused by both
        "", "[1]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}", "{\"a\":01}", "{\"a\":1.}",
        "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":truex}",
        "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"tab\there\"}", "{\"a\":\"open}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":1}{}", "{'a':1}", "{a:1}",
        "{\"a\":NaN}", "{\"a\":[}", "{\"a\":{]}",
    })
    void readsAndRefusesWhatJacksonDoes(String line) {
        agreesWithJackson(bytes(line));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x28, (byte) 0xa1})) {
            for (String field : List.of("{\"a\":\"x%sy\"}", "{\"a\":[\"x%sy\"]}", "{\"x%sy\":1}")) {
                String[] parts = field.split("%s");
                byte[] line = new byte[parts[0].length() + bad.length + parts[1].length()];
                System.arraycopy(bytes(parts[0]), 0, line, 0, parts[0].length());
                System.arraycopy(bad, 0, line, parts[0].length(), bad.length);
                System.arraycopy(bytes(parts[1]), 0, line, parts[0].length() + bad.length, parts[1].length());
                LineScanner.Malformed e = assertThrows(LineScanner.Malformed.class, () -> scanned(line));
                assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
            }
        }
    }

    @Test
    void nestingIsBoundedAsJacksonBoundsIt() throws Exception {
        String deepest = "[".repeat(LineScanner.MAX_DEPTH) + "]".repeat(LineScanner.MAX_DEPTH);
        assertEquals("other:" + deepest, scanned(bytes("{\"a\":" + deepest + "}")).get("a"));
        String deeper = "[".repeat(LineScanner.MAX_DEPTH + 1) + "]".repeat(LineScanner.MAX_DEPTH + 1);
        LineScanner.Malformed e = assertThrows(LineScanner.Malformed.class, () -> scanned(bytes("{\"a\":" + deeper + "}")));
        assertTrue(e.getMessage().contains("nested deeper than 1000"), e.getMessage());
        assertThrows(LineScanner.Malformed.class, () -> scanned(bytes("{\"a\":" + "[".repeat(100_000))), "no stack to overflow");
    }

    @Test
    void sayWhatIsWrongAndWhere() {
        LineScanner.Malformed e = assertThrows(LineScanner.Malformed.class, () -> scanned(bytes("{\"a\":1,}")));
        assertEquals("'}' where a field name should be, at byte 7", e.getMessage());
        e = assertThrows(LineScanner.Malformed.class, () -> scanned(bytes("{\"a\":")));
        assertEquals("the line ends where a value should be, at byte 5", e.getMessage());
        e = assertThrows(LineScanner.Malformed.class, () -> scanned(bytes("{\"a\":007}")));
        assertEquals("a number with a leading zero, at byte 5", e.getMessage());
    }

    @Test
    void randomLinesAreReadAsJacksonReadsThem() {
        SplittableRandom random = new SplittableRandom(20261202);
        List<String> fragments = List.of("{", "}", "[", "]", ":", ",", " ", "\"a\"", "\"type\"", "\"\"", "1", "-", "0",
                "12", ".5", "e3", "E-2", "true", "false", "null", "\"\\n\"", "\"\\u00e9\"", "\"\\ud83d\"", "\"é😀\"",
                "\"\\\"\"", "\\", "\"", "9223372036854775807", "9223372036854775808", "\t");
        for (int i = 0; i < 30_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? "{\"k\":" : "{");
            int parts = random.nextInt(14);
            for (int p = 0; p < parts; p++) {
                line.append(random.nextInt(20) == 0 ? String.valueOf((char) random.nextInt(0x01, 0x3000))
                        : fragments.get(random.nextInt(fragments.size())));
            }
            if (random.nextBoolean()) {
                line.append('}');
            }
            agreesWithJackson(bytes(line.toString()));
        }
    }

    @Test
    void aSkippedValueEndsWhereJacksonsEnds() throws Exception {
        List<String> values = new ArrayList<>(List.of("[1,2]", "{\"a\":[{}]}", "\"]}\"", "-1.5e+7", "true", "[ ]"));
        for (String value : values) {
            byte[] line = bytes(value + " ,rest");
            LineScanner scanner = new LineScanner(line);
            assertEquals(value.length(), scanner.skip(), value);
        }
        assertSame(LineScanner.NULL, new LineScanner(bytes("null")).scalar());
    }
}

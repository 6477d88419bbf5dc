package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The short paths (the hand-written envelope, plain-value lists, whole-number arrays) against
 * Jackson: the same JSON out, the same values in, the same errors.
 */
class PlainPayloadTest {
    private final Protocol protocol = new Protocol();
    private final ObjectMapper jackson = new ObjectMapper();
    private final ObjectReader longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
    private final ObjectReader ints = protocol.mapper().readerFor(new TypeReference<List<Integer>>() { });
    private final ObjectReader strings = protocol.mapper().readerFor(new TypeReference<List<String>>() { });
    private final ObjectReader booleans = protocol.mapper().readerFor(new TypeReference<List<Boolean>>() { });

    private static final List<String> TRICKY = List.of("", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r",
            "\u0000\u0001\u001f\u007f", "é π ≈ 3", "emoji \uD83D\uDE00", "\u2028\u2029", "</script>", "a/b");

    @Test
    void everyMessageIsWrittenAsJacksonWritesItsFields() throws Exception {
        List<Message> messages = new ArrayList<>(ProtocolTest.everyMessage().toList());
        for (String text : TRICKY) {
            messages.add(new TaskFailure(Protocol.VERSION, 1, 0, text, text, text));
            messages.add(new Hello(Protocol.VERSION, -1, text, Long.MAX_VALUE, text, text, text));
        }
        for (Message message : messages) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("type", MessageWriter.type(message));
            for (RecordComponent component : message.getClass().getRecordComponents()) {
                Object value = component.getAccessor().invoke(message);
                fields.put(component.getName(), value instanceof RawJson raw ? jackson.readTree(raw.json()) : value);
            }
            assertEquals(jackson.writeValueAsString(fields), protocol.encode(message));
        }
    }

    @Test
    void plainListsAreWrittenAsJacksonWritesThem() throws Exception {
        List<List<?>> lists = List.of(List.of(), List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE),
                List.of(1, -2, Integer.MIN_VALUE), TRICKY, List.of(true, false), List.of("lone \uD800", "\uDC00 low"),
                Arrays.asList(null, 5L, "x", true, 7), List.of(1.5, 2L), List.of(List.of(1L)), List.of(Map.of("a", 1)));
        for (List<?> list : lists) {
            String json = protocol.json(list).json();
            assertEquals(jackson.readValue(jackson.writeValueAsString(list), List.class), jackson.readValue(json, List.class),
                    list.toString());
            boolean surrogates = list.stream().anyMatch(e -> e instanceof String text
                    && text.chars().anyMatch(c -> Character.isSurrogate((char) c)));
            if (!surrogates) { // else Jackson writes the same text either escaped or not, depending on its output
                assertEquals(jackson.writeValueAsString(list), json, list.toString());
            }
        }
    }

    @Test
    void payloadsReadWhileDecodingAreWhatJacksonReads() throws Exception {
        List<String> payloads = List.of("[1,2,3]", "[ -7 , 0 ]", "[]", "[2147483648]", "[1.5,2]", "[1e2]", "[\"3\"]",
                "[null,4]", "[true,false,null]", "[\"a\",\"\\u00e9\\n\",null]", "[12345678901234567890]",
                "[9223372036854775807,-9223372036854775808]", "[[1]]", "{\"a\":1}", "null");
        for (String payload : payloads) {
            for (ObjectReader reader : List.of(longs, ints, strings, booleans)) {
                for (boolean result : new boolean[] {true, false}) {
                    Message message = result ? new TaskResult(Protocol.VERSION, 3, new RawJson(payload), 1, 2, 3)
                            : new RunTask(Protocol.VERSION, 3, "t", new RawJson(payload));
                    byte[] line = protocol.encode(message).getBytes(StandardCharsets.UTF_8);
                    Message decoded = protocol.decode(line, reader);
                    assertEquals(message, decoded, payload);
                    RawJson raw = result ? ((TaskResult) decoded).outputs() : ((RunTask) decoded).inputs();
                    Object expected;
                    try {
                        expected = reader.readValue(payload);
                    } catch (java.io.IOException e) {
                        assertThrows(java.io.IOException.class, () -> raw.read(reader), payload);
                        continue;
                    }
                    assertEquals(expected, raw.read(reader), payload + " as " + reader.getValueType());
                }
            }
        }
    }

    @Test
    void linesDecodeTheSameWithOrWithoutAnExpectedPayload() {
        var random = new SplittableRandom(31);
        List<String> fragments = List.of("[", "]", ",", "1", "-", "0", "2.5", "e7", " ", "\"", "\"inputs\":", "\"outputs\":",
                "null", "{", "}", "\"id\":", "9", "\\", "x");
        String[] heads = {"{\"type\":\"result\",\"v\":1,\"id\":4,\"outputs\":", "{\"type\":\"run\",\"v\":1,\"id\":4,\"task\":\"t\",\"inputs\":"};
        String[] tails = {",\"receivedNanos\":1,\"computeNanos\":2,\"sentNanos\":3}", "}"};
        for (int i = 0; i < 20_000; i++) {
            int kind = random.nextInt(2);
            StringBuilder payload = new StringBuilder(random.nextInt(3) == 0 ? "" : "[");
            int parts = random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                payload.append(random.nextInt(3) == 0 ? fragments.get(random.nextInt(fragments.size()))
                        : Long.toString(random.nextLong(-1000, 100_000)) + ",");
            }
            if (random.nextBoolean()) {
                payload.append("7]");
            }
            String line = heads[kind] + payload + (random.nextInt(10) == 0 ? "" : tails[kind]);
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            String plain = outcome(bytes, null);
            for (ObjectReader reader : List.of(longs, ints)) {
                assertEquals(plain, outcome(bytes, reader), line);
            }
        }
    }

    private String outcome(byte[] line, ObjectReader expected) {
        try {
            Message message = protocol.decode(line, expected);
            assertTrue(message != null);
            return "ok " + message;
        } catch (ProtocolException e) {
            return "bad " + e.getMessage();
        }
    }
}

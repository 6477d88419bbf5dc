package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each message's record is its only description: every message type built from its record
 * components alone round-trips, its line's fields are the components by name in order, and a
 * record with a new component of any kind travels with no other edit.
 */
class MessageCodecTest {
    private final Protocol protocol = new Protocol();
    private final ObjectMapper jackson = new ObjectMapper();

    /** A message with a new component of every kind, which no code of the protocol names. */
    record Extended(int v, long id, String note, Long maybe, Integer count, boolean flag, Boolean tri, RawJson payload,
                    int index) {
        static final String TYPE = "extended";
    }

    record Fraction(int v, double share) {
        static final String TYPE = "fraction";
    }

    record Untyped(int v) {
    }

    record VersionLast(long id, int v) {
        static final String TYPE = "version-last";
    }

    static Stream<Class<?>> everyMessageType() {
        return Arrays.stream(Message.class.getPermittedSubclasses());
    }

    /** An instance of the record with a value for each component made from its type alone; nulls where {@code nulls}. */
    static Record built(Class<?> type, boolean nulls) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = i == 0 ? Protocol.VERSION : value(types[i], i, nulls);
        }
        var constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return (Record) constructor.newInstance(values);
    }

    private static Object value(Class<?> type, int i, boolean nulls) {
        if (type == long.class) {
            return i % 2 == 0 ? Long.MIN_VALUE + i : 1_700_000_000_000L * i;
        } else if (type == int.class) {
            return -i;
        } else if (type == boolean.class) {
            return i % 2 == 0;
        } else if (type == String.class) {
            return nulls ? null : "text " + i + " with \"quotes\", é and a\nnewline";
        } else if (type == Long.class) {
            return nulls ? null : (Long) (long) i * 1000;
        } else if (type == Integer.class) {
            return nulls ? null : (Integer) i;
        } else if (type == Boolean.class) {
            return nulls ? null : Boolean.TRUE;
        } else if (type == RawJson.class) {
            return new RawJson(nulls ? "[]" : "[1,-2,\"three\",{\"four\":[4.5]},null]");
        }
        throw new AssertionError("no test value for a " + type.getName());
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyMessageTypeBuiltFromItsComponentsRoundTrips(Class<?> type) throws Exception {
        for (boolean nulls : new boolean[] {false, true}) {
            Message message = (Message) built(type, nulls);
            String line = protocol.encode(message);
            assertEquals(message, protocol.decode(line), line);
            byte[] bytes = Protocol.encodeLine(message);
            assertEquals(message, protocol.decode(Arrays.copyOf(bytes, bytes.length - 1),
                    protocol.mapper().readerFor(new TypeReference<List<Long>>() { })), line);
        }
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void aLineHasTypeThenTheComponentsByNameInTheirOrder(Class<?> type) throws Exception {
        Message message = (Message) built(type, false);
        Map<String, Object> fields = jackson.readValue(protocol.encode(message), new TypeReference<LinkedHashMap<String, Object>>() { });
        List<String> names = new ArrayList<>(List.of("type"));
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        assertEquals(names, new ArrayList<>(fields.keySet()));
        assertEquals(type.getDeclaredField("TYPE").get(null), fields.get("type"));
        assertEquals(Protocol.VERSION, fields.get("v"));
    }

    @Test
    void aComponentAddedToARecordTravelsWithNoOtherEdit() throws Exception {
        Wire wire = Wire.of(List.of(Extended.class));
        MessageReader reader = new MessageReader(protocol.mapper().getFactory(), wire, ShortPaths.ALL);
        for (boolean nulls : new boolean[] {false, true}) {
            Record extended = built(Extended.class, nulls);
            byte[] line = encode(wire, extended);
            assertEquals(extended, reader.read(line, null), new String(line, StandardCharsets.UTF_8));
        }
        Extended numbers = new Extended(Protocol.VERSION, 1, "n", 2L, 3, true, false, new RawJson("[4,5,6]"), 7);
        ObjectReader longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
        Extended back = (Extended) reader.read(encode(wire, numbers), longs);
        assertEquals(numbers, back);
        assertEquals(List.of(4L, 5L, 6L), back.payload().read(longs));
    }

    @Test
    void aNewComponentMissingOrOfAnotherTypeIsNamed() throws Exception {
        Wire wire = Wire.of(List.of(Extended.class));
        MessageReader reader = new MessageReader(protocol.mapper().getFactory(), wire, ShortPaths.ALL);
        String whole = new String(encode(wire, built(Extended.class, false)), StandardCharsets.UTF_8);
        Map<String, String> broken = Map.of(
                whole.replace("\"note\":", "\"notes\":"), "malformed 'extended' message (no 'note')",
                whole.replace("\"flag\":false", "\"flag\":0"), "malformed 'extended' message ('flag' is not true or false)",
                whole.replace("\"count\":4", "\"count\":4294967296"), "malformed 'extended' message ('count' is out of range)",
                whole.replace("\"maybe\":3000", "\"maybe\":\"3000\""), "malformed 'extended' message ('maybe' is not a whole number)");
        for (Map.Entry<String, String> line : broken.entrySet()) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> reader.read(line.getKey().getBytes(StandardCharsets.UTF_8), null), line.getKey());
            assertEquals(line.getValue(), e.reason(), line.getKey());
        }
    }

    @Test
    void aRecordTheWireCannotCarryIsRefusedWhenItsCodecIsMade() {
        assertTrue(message(Fraction.class).contains("share: a double has no wire form"), message(Fraction.class));
        assertTrue(message(Untyped.class).contains("static final String TYPE"), message(Untyped.class));
        assertTrue(message(VersionLast.class).contains("first component is its version, int v"), message(VersionLast.class));
        assertThrows(IllegalArgumentException.class, () -> Wire.of(List.of(Extended.class, Extended.class)));
    }

    @Test
    void aPayloadThatIsNullCannotBeWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> protocol.encode(new RunTask(Protocol.VERSION, 1, "t", null)));
        assertEquals("a 'run' message without its 'inputs'", e.getMessage());
    }

    @Test
    void theProtocolCarriesEveryMessageAndNamesTheirPayloads() {
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            assertNotNull(Wire.MESSAGES.forType(MessageCodec.of(type).type()), type.getName());
        }
        assertEquals(java.util.Set.of("inputs", "outputs"), Wire.MESSAGES.payloads());
    }

    private static String message(Class<?> type) {
        return assertThrows(IllegalArgumentException.class, () -> MessageCodec.of(type)).getMessage();
    }

    private static byte[] encode(Wire wire, Record message) {
        Utf8Line line = new Utf8Line(64);
        MessageCodec.of((Object) message).write(message, line);
        return line.toByteArray();
    }
}

package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolTest {
    private final Protocol protocol = new Protocol();

    static Stream<Message> everyMessage() {
        return Stream.of(
                new Hello(Protocol.VERSION, 4242, "17.0.15", 123_456_789L, "host-a", "node1", "3"),
                new Hello(Protocol.VERSION, 1, "25", -5, "h", "h", null),
                new RunTask(Protocol.VERSION, 9, "dev.jpool.pi.PiTask", new RawJson("[{\"seed\":7,\"blocks\":3}]")),
                new RunTask(Protocol.VERSION, 11, "com.example.Square", new RawJson("[3,4,\"five\",null,[6.5]]")),
                new Progress(Protocol.VERSION, 9, 100_663_296L, 500_000_000L),
                new Progress(Protocol.VERSION, 10, 0, 0),
                new TaskResult(Protocol.VERSION, 9, new RawJson("[{\"hits\":785398163397}]"), 10, 20, 30),
                new TaskFailure(Protocol.VERSION, 9, 2, "java.lang.ArithmeticException", "/ by zero", "at X\nat Y"),
                new TaskFailure(Protocol.VERSION, 10, -1, "java.lang.NullPointerException", null, ""),
                new Shutdown(Protocol.VERSION),
                new Bye(Protocol.VERSION, 3, 51_200L),
                new Bye(Protocol.VERSION, 0, null));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageRoundTripsAsOneLineWithTypeAndVersion(Message message) throws Exception {
        String line = protocol.encode(message);
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("\"type\":"), line);
        assertTrue(line.contains("\"v\":" + Protocol.VERSION), line);
        assertEquals(message, protocol.decode(line));
    }

    @Test
    void typeNamesAreTheDocumentedOnes() {
        assertTrue(protocol.encode(new Shutdown(1)).contains("\"type\":\"shutdown\""));
        assertTrue(protocol.encode(new Bye(1, 0, null)).contains("\"type\":\"bye\""));
        assertEquals("{\"type\":\"progress\",\"v\":1,\"id\":7,\"done\":5,\"total\":9}",
                protocol.encode(new Progress(1, 7, 5, 9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello from a task that printed to stdout",
        "{\"type\":\"hello\",\"v\":1,\"pid\":",
        "[1,2,3]",
        "42",
        "",
        "{\"type\":\"hello\"}",
        "{\"v\":1}",
        "{\"type\":\"bye\",\"v\":\"one\",\"tasksRun\":1,\"peakRssKib\":null}",
        "{\"type\":\"result\",\"v\":1,\"id\":1}",
        "{\"type\":7,\"v\":1}",
    })
    void malformedLinesAreRejectedAndQuoted(String line) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> protocol.decode(line));
        assertTrue(e.getMessage().contains("\"" + line.replace("\"", "\\\"")), e.getMessage());
    }

    @Test
    void anUnknownTypeIsNamed() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> protocol.decode("{\"type\":\"launch-missiles\",\"v\":1}"));
        assertEquals("unknown message type 'launch-missiles'", e.reason());
    }

    @Test
    void anotherVersionIsNamedAsSuchEvenIfItsShapeDiffers() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> protocol.decode("{\"type\":\"hello\",\"v\":2,\"somethingNew\":true}"));
        assertEquals("protocol version 2, this jpool speaks version 1", e.reason());
    }

    @Test
    void aLongBadLineIsQuotedShort() {
        String line = "x".repeat(100_000);
        ProtocolException e = assertThrows(ProtocolException.class, () -> protocol.decode(line));
        assertTrue(e.getMessage().length() < 400, () -> "message of " + e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("(100000 chars)"), e.getMessage());
    }

    @Test
    void controlCharactersInABadLineAreEscaped() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> protocol.decode("\u0000\u0007junk\u001b[31m"));
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
        assertTrue(e.getMessage().contains("\\u0000"), e.getMessage());
    }

    @Test
    void aRunLineMayCarryManyInputsWithoutBecomingATree() throws Exception {
        String inputs = java.util.stream.IntStream.range(0, 50_000).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        RunTask run = (RunTask) protocol.decode(protocol.encode(new RunTask(1, 3, "t", new RawJson(inputs))));
        assertEquals(inputs, run.inputs().json());
    }

    @Test
    void trailingTextAfterTheObjectIsRejected() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> protocol.decode("{\"type\":\"shutdown\",\"v\":1} {\"type\":\"shutdown\",\"v\":1}"));
        assertTrue(e.reason().startsWith("not a JSON line"), e.reason());
    }

    @Test
    void unknownFieldsOfTheSameVersionAreIgnored() throws Exception {
        Message m = protocol.decode("{\"type\":\"shutdown\",\"v\":1,\"reason\":\"done\"}");
        assertEquals(new Shutdown(1), m);
    }

    @Test
    void linesOfEveryKindDecodeOnlyToMessagesOrProtocolExceptions() {
        var random = new java.util.SplittableRandom(20201117);
        List<String> fragments = List.of("{", "}", "\"type\"", ":", "\"hello\"", "\"v\"", "1", ",", "null", "[", "]",
                "\"result\"", "\"id\"", "\\u0000", "\uFFFD", "\"", "-", "e9", "true");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(4) == 0) {
                    line.append((char) random.nextInt(0x20, 0x3000));
                } else {
                    line.append(fragments.get(random.nextInt(fragments.size())));
                }
            }
            try {
                assertTrue(protocol.decode(line.toString()) != null);
            } catch (ProtocolException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void randomBytesThroughTheLineReaderGiveOnlyLinesAndCleanErrors() throws Exception {
        var random = new java.util.SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[random.nextInt(1, 20_000)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) (random.nextInt(8) == 0 ? '\n' : random.nextInt(256));
            }
            LineReader lines = new LineReader(new java.io.ByteArrayInputStream(junk), 4096);
            while (true) {
                String line;
                try {
                    line = lines.readLine();
                } catch (LineReader.LineTooLongException tooLong) {
                    continue;
                }
                if (line == null) {
                    break;
                }
                try {
                    protocol.decode(line);
                } catch (ProtocolException expected) {
                    assertFalse(expected.getMessage().isBlank());
                    assertTrue(expected.getMessage().length() < 1000, "bounded: " + expected.getMessage().length());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageRoundTripsAsOneLineOfBytes(Message message) throws Exception {
        byte[] line = Protocol.encodeLine(message);
        assertEquals('\n', line[line.length - 1]);
        String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        assertFalse(text.contains("\n"), text);
        assertEquals(protocol.encode(message), text);
        assertEquals(message, protocol.decode(Arrays.copyOf(line, line.length - 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[1,2,3]", "[]", "[[],{},[[]]]", "7", "-0.5e-3", "true", "false", "null", "\"\"", "{}",
        "\"a ] } [ { string\"", "[\"quote \\\" and backslash \\\\\", \"\\u00e9\", \"π≈3\"]",
        "{\"a\":[1,{\"b\":\"}]\"}],\"c\":null}", "[ 1 , 2 ]",
    })
    void aPayloadIsSlicedOutOfTheLineExactly(String json) throws Exception {
        RunTask run = new RunTask(Protocol.VERSION, 5, "t", new RawJson(json));
        byte[] line = Protocol.encodeLine(run);
        RunTask back = (RunTask) protocol.decode(Arrays.copyOf(line, line.length - 1));
        assertEquals(json, back.inputs().json());
        TaskResult result = new TaskResult(Protocol.VERSION, 5, new RawJson(json), 1, 2, 3);
        assertEquals(json, ((TaskResult) protocol.decode(protocol.encode(result))).outputs().json());
    }

    @Test
    void aPayloadReadWhileDecodingIsHandedOutOnceAndThenReadAfresh() throws Exception {
        ObjectReader longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
        byte[] line = Protocol.encodeLine(new TaskResult(Protocol.VERSION, 1, protocol.json(List.of(4L, 5L)), 1, 2, 3));
        TaskResult result = (TaskResult) protocol.decode(Arrays.copyOf(line, line.length - 1), longs);
        List<Long> first = result.outputs().read(longs);
        List<Long> second = result.outputs().read(longs);
        assertEquals(List.of(4L, 5L), first);
        assertEquals(first, second);
        assertNotSame(first, second);
        List<Object> other = result.outputs().read(protocol.mapper().readerFor(new TypeReference<List<Object>>() { }));
        assertEquals(List.of(4, 5), other);
    }

    @Test
    void aPayloadTheExpectedReaderCannotReadStillDecodes() throws Exception {
        ObjectReader longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
        RunTask run = new RunTask(Protocol.VERSION, 2, "t", new RawJson("[\"not\",\"a\",\"long\"]"));
        byte[] line = Protocol.encodeLine(run);
        assertEquals(run, protocol.decode(Arrays.copyOf(line, line.length - 1), longs));
        assertThrows(IOException.class, () -> ((RunTask) protocol.decode(protocol.encode(run))).inputs().read(longs));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"result\",\"v\":1,\"id\":1,\"outputs\":[1,2",
        "{\"type\":\"result\",\"v\":1,\"id\":1,\"outputs\":[1,,2],\"receivedNanos\":1,\"computeNanos\":2,\"sentNanos\":3}",
        "{\"type\":\"result\",\"v\":1,\"id\":1,\"outputs\":[1,2]}",
        "{\"type\":\"result\",\"v\":2,\"id\":1,\"outputs\":[1,2],\"receivedNanos\":1,\"computeNanos\":2,\"sentNanos\":3}",
    })
    void aBadLineIsRejectedTheSameWayWithOrWithoutAnExpectedPayload(String line) {
        ObjectReader longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ProtocolException plain = assertThrows(ProtocolException.class, () -> protocol.decode(bytes));
        ProtocolException expecting = assertThrows(ProtocolException.class, () -> protocol.decode(bytes, longs));
        assertEquals(plain.getMessage(), expecting.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"shutdown\",\"v\":\"1\"}",
        "{\"type\":\"shutdown\",\"v\":1.0}",
        "{\"type\":\"shutdown\",\"v\":null}",
        "{\"type\":\"shutdown\",\"v\":true}",
    })
    void aVersionThatIsNotAnIntegerIsNoVersion(String line) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> protocol.decode(line));
        assertEquals("no protocol version 'v'", e.reason());
    }

    @Test
    void aPlainListOfWholeNumbersReadsAsJacksonReadsIt() throws Exception {
        ObjectReader longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
        for (String json : List.of("[1,-2,9223372036854775807]", "[ ]", "[1, 2.5]", "[1,null]", "[\"7\"]")) {
            List<Object> plain = protocol.plainList(new RawJson(json), Long.class);
            if (plain != null) {
                assertEquals(longs.readValue(json), plain, json);
            }
            RunTask run = (RunTask) protocol.decode(protocol.encode(new RunTask(1, 1, "t", new RawJson(json))));
            List<Object> sliced = protocol.plainList(run.inputs(), Long.class);
            assertEquals(plain, sliced, json);
        }
        assertEquals(List.of(3, -4), protocol.plainList(new RawJson("[3,-4]"), Integer.class));
        assertEquals(null, protocol.plainList(new RawJson("[1.5]"), Long.class), "left to the mapper");
    }

    @Test
    void bytesThatAreNotUtf8AreABadLine() {
        byte[] line = "{\"type\":\"hello\",\"v\":1,\"javaVersion\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        ProtocolException e = assertThrows(ProtocolException.class, () -> protocol.decode(line));
        assertFalse(e.getMessage().isBlank());
    }
}

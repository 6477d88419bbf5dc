package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.cli.CliTest.Outcome;
import dev.jpool.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** map's input: a line that is not what the task takes fails with its line number; a BOM and CRLF are text. */
class MapInputTest {
    private static final String TEST_CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;

    @TempDir
    Path dir;

    private Outcome map(String task, byte[] input, String... more) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.write(in, input);
        List<String> args = new java.util.ArrayList<>(List.of("map", "--task", "dev.jpool.testing." + task,
                "--classpath", TEST_CLASSES, "--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(),
                "--workers", "2", "-q"));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"process", "thread"})
    void inputThatIsNotTheTasksTypeFailsItsLine(String mode) throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a BOM: text, not a broken line
        in.writeBytes("{\"x\":1,\"y\":2}\r\n{\"x\":1}\n{\"x\":1,\"y\":2,\"z\":3}\n{\"x\":1.5,\"y\":2}\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {'"', 'a', (byte) 0xFF, '"', '\n'});
        in.writeBytes("{\"x\":2,\"y\":2}\r\n{\"x\":null,\"y\":2}\n".getBytes(StandardCharsets.UTF_8));
        Outcome o = map("Point", in.toByteArray(), "--mode", mode);
        assertEquals(1, o.exit(), o.err());
        assertEquals(List.of("3", "4"), Files.readAllLines(dir.resolve("out.jsonl")));
        assertTrue(o.err().contains("line 2: not a dev.jpool.testing.Point$XY: Missing creator property 'y'"), o.err());
        assertTrue(o.err().contains("line 3: not a dev.jpool.testing.Point$XY: Unrecognized field \"z\""), o.err());
        assertTrue(o.err().contains("line 4: not a dev.jpool.testing.Point$XY: Cannot coerce Floating-point value (1.5)"), o.err());
        assertTrue(o.err().contains("line 5: not valid UTF-8 (byte 3 of the line"), o.err());
        assertTrue(o.err().contains("line 7: not a dev.jpool.testing.Point$XY"), o.err());
        assertTrue(o.err().contains("map incomplete: 5 of 7 inputs failed"), o.err());
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"process", "thread"})
    void aTaskOfTheRawTypeGetsItsLinesAsPlainJsonValues(String mode) throws Exception {
        Outcome o = map("RawEcho", "{\"x\":1}\n[1,2]\n\"s\"\n".getBytes(StandardCharsets.UTF_8), "--mode", mode);
        assertEquals(0, o.exit(), o.err());
        assertEquals(List.of("{\"x\":1}", "[1,2]", "\"s\""), Files.readAllLines(dir.resolve("out.jsonl")));
    }

    @Test
    void chunksAreCutByBytesAndAnInputOverTheLimitFailsAtOnceNamingIt() throws Exception {
        // inputs of 100 bytes and one just over the limit; a chunksize that would put them all in one message
        int inputs = Protocol.MAX_PAYLOAD_BYTES / 100 + 1000;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < inputs; i++) {
            text.append('"').append(String.format("%098d", i)).append("\"\n");
        }
        text.append('"').append("z".repeat(Protocol.MAX_PAYLOAD_BYTES)).append("\"\n");
        Outcome o = map("HugeAnswer", text.toString().getBytes(StandardCharsets.UTF_8), "--chunksize", "1000000");
        assertEquals(1, o.exit(), o.err());
        assertEquals(inputs, Files.readAllLines(dir.resolve("out.jsonl")).size(), "every other input has its result");
        assertTrue(o.err().contains("line " + (inputs + 1) + ": a line longer than the"), o.err());
        assertTrue(o.err().contains("raise it by starting jpool with JDK_JAVA_OPTIONS=-Djpool.maxLineBytes="), o.err());
        assertTrue(o.err().contains("map incomplete: 1 of " + (inputs + 1) + " inputs failed"), o.err());
        assertTrue(!o.err().contains("retrying"), "no worker was lost on the way: " + o.err());
    }
}

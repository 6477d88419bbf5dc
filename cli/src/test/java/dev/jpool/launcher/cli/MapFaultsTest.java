package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.cli.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code map} over tasks that fail in the ways a user's own task classes do: each fails its input, none hangs. */
class MapFaultsTest {
    private static final String TEST_CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;
    /** Far more than any of these runs takes, even at load 8; a hang fails here instead of stalling the suite. */
    private static final Duration BOUND = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private Outcome map(String task, String inputs, String... more) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, inputs);
        List<String> args = new ArrayList<>(List.of("map", "--task", "dev.jpool.testing." + task,
                "--classpath", TEST_CLASSES, "--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(),
                "--workers", "2"));
        args.addAll(List.of(more));
        return assertTimeoutPreemptively(BOUND, () -> CliTest.run(args.toArray(String[]::new)), "map hung");
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"process", "thread"})
    void anExceptionThatThrowsWhenDescribedFailsItsInputAndTheRunGoesOn(String mode) throws Exception {
        Outcome o = map("ThrowsUndescribable", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", "--mode", mode);
        assertEquals(1, o.exit(), o.err());
        assertEquals(List.of("1", "4", "9", "16", "25", "36", "49", "64", "81"), Files.readAllLines(dir.resolve("out.jsonl")));
        assertTrue(o.err().contains("line 1: dev.jpool.testing.ThrowsUndescribable$Undescribable: "
                + "(its getMessage() threw java.lang.IllegalStateException)"), o.err());
        assertTrue(o.err().contains("map incomplete: 1 of 10 inputs failed"), o.err());
    }

    @org.junit.jupiter.api.Test
    void aRetryNamesTheLinesOfItsChunkAndChunksAreNotAllNumberedFromZero() throws Exception {
        // a blank line first: input lines and inputs are not numbered alike, lines are what the user sees
        // each input's worker dies the first time it runs it (ExitOnce), so each input is retried once
        String markers = "\n\"" + dir.resolve("a") + "\"\n\"" + dir.resolve("b") + "\"\n\"" + dir.resolve("c") + "\"\n";
        Outcome o = map("ExitOnce", markers, "--chunksize", "1");
        assertEquals(0, o.exit(), o.err());
        assertEquals(List.of("\"ok\"", "\"ok\"", "\"ok\""), Files.readAllLines(dir.resolve("out.jsonl")));
        assertTrue(o.err().contains("retrying line 2 (attempt 2 of 3)"), o.err());
        assertTrue(o.err().contains("retrying line 4 (attempt 2 of 3)"), o.err());
    }

    @ParameterizedTest(name = "--mode {0} {1}")
    @CsvSource({"process, -Xmx256m", "process, -Xmx48m", "thread, ''"})
    void anAnswerTooBigToSendFailsItsInputAndTheRunGoesOn(String mode, String heap) throws Exception {
        List<String> more = new ArrayList<>(List.of("--mode", mode, "--chunksize", "1"));
        if (!heap.isEmpty()) {
            more.add("--worker-jvm-opt=" + heap);
        }
        Outcome o = map("HugeAnswer", "\"message\"\n\"ok\"\n\"result\"\n\"fine\"\n", more.toArray(String[]::new));
        assertEquals(1, o.exit(), o.err());
        List<String> out = Files.readAllLines(dir.resolve("out.jsonl"));
        assertEquals("\"ok\"", out.get(0));
        assertEquals("\"fine\"", out.get(out.size() - 1));
        assertTrue(o.err().contains("line 1: java.lang.IllegalStateException: xxxx"), o.err());
        if (mode.equals("process")) {
            // 40 MB of JSON is more than a protocol line holds, or more than a 48 MiB heap can encode
            assertEquals(2, out.size(), "the 40 MB result has no line: " + o.err());
            assertTrue(o.err().contains("line 3: "), o.err());
            assertTrue(o.err().contains(heap.equals("-Xmx48m") ? "java.lang.OutOfMemoryError"
                    : "bytes of JSON, more than a line to the launcher may hold"), o.err());
        }
    }
}

package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code map} (and {@code pi}) leave on stdout and in {@code --out FILE}, run from the jar as a user runs it. */
class MapOutputIT {
    private static final String TEST_CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static List<String> jar(String... args) {
        return JarCommand.of(args);
    }

    private static List<String> map(String task, Path in, String... more) {
        List<String> args = new ArrayList<>(List.of("map", "--task", "dev.jpool.testing." + task,
                "--classpath", TEST_CLASSES, "--in", in.toString()));
        args.addAll(Arrays.asList(more));
        return jar(args.toArray(String[]::new));
    }

    /** Runs to its end with stdout sent to {@code stdout} (a file, or /dev/full); returns exit status and stderr. */
    private static Command runTo(File stdout, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null")).redirectOutput(stdout).start();
        CompletableFuture<String> err = Command.readAll(p.getErrorStream());
        assertTrue(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), command + " did not finish");
        return new Command(command, p.exitValue(), "", err.get(10, TimeUnit.SECONDS));
    }

    private Path inputs(String text) throws IOException {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, text);
        return in;
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"process", "thread"})
    void stdoutHoldsResultLinesOnlyWhateverTheTaskPrints(String mode) throws Exception {
        Command r = Command.run(Path.of("").toAbsolutePath(), java.util.Map.of(), LIMIT,
                map("PrintsEverywhere", inputs("1\n2\n3\n"), "--mode", mode, "--workers", "2").toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2\n3\n4\n", r.out(), r.toString());
        assertTrue(r.err().contains("static initialiser printing") && r.err().contains("apply printing 1"),
                "the task's prints go to stderr: " + r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "map stdout   | cannot write the results to stdout: No space left on device",
        "map --out    | cannot write the results to --out /dev/full: No space left on device",
        "pi stdout    | cannot write to stdout: No space left on device"})
    void aResultThatCannotBeWrittenFailsTheRunInOneLine(String what, String message) throws Exception {
        File full = new File("/dev/full");
        if (!full.exists()) {
            System.out.println("skipped: this system has no /dev/full");
            return;
        }
        List<String> command = what.startsWith("pi") ? jar("pi", "--samples", "1e6", "--workers", "1", "-q")
                : what.endsWith("--out") ? map("Square", inputs("1\n2\n"), "--out", "/dev/full", "-q")
                : map("Square", inputs("1\n2\n"), "-q");
        Command r = runTo(what.endsWith("--out") ? dir.resolve("stdout").toFile() : full, command);
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
    }

    @Test
    void aClosedPipeEndsTheRunEarlyAndQuietly() throws Exception {
        // 400 inputs of 50 ms on one worker: 20 s of work at the least, were it all done
        Path in = inputs(IntStream.range(0, 400).mapToObj(i -> "50").collect(Collectors.joining("\n", "", "\n")));
        Process p = new ProcessBuilder(map("SleepThenEcho", in, "--workers", "1", "--chunksize", "1", "-q"))
                .redirectInput(new File("/dev/null")).start();
        CompletableFuture<String> err = Command.readAll(p.getErrorStream());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("50", out.readLine());
        out.close(); // as head -1 does
        long closed = System.nanoTime();
        assertTrue(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "did not end");
        double seconds = (System.nanoTime() - closed) / 1e9;
        assertTrue(seconds < 10, "ended " + seconds + " s after its reader went, not at once");
        assertEquals(141, p.exitValue(), err.get(10, TimeUnit.SECONDS));
        assertEquals("", err.get(10, TimeUnit.SECONDS), "quietly");
    }

    @Test
    void aRunThatFailsAtOnceLeavesTheOldOutFileAsItWas() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "old results\n");
        Command r = runTo(dir.resolve("stdout").toFile(),
                map("Square", inputs("1\n2\n"), "--out", out.toString(), "--worker-jvm-opt=-Xmx1k", "-q"));
        assertEquals(1, r.exit(), r.toString());
        assertEquals("old results\n", Files.readString(out));
        assertNoPartialFiles();
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void anInterruptedRunLeavesTheOldOutFileAsItWas(String signal) throws Exception {
        Processes.assumeNotIgnored(signal);
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "old results\n");
        Path in = inputs(IntStream.range(0, 400).mapToObj(i -> "50").collect(Collectors.joining("\n", "", "\n")));
        Process p = new ProcessBuilder(map("SleepThenEcho", in, "--out", out.toString(), "--workers", "1",
                "--chunksize", "1", "-q")).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // wait (bounded) until results are being written, as the temporary file beside FILE shows
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (partialFiles().stream().noneMatch(f -> f.toFile().length() > 0) && System.nanoTime() < deadline && p.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertTrue(p.isAlive(), "the run ended before it was interrupted");
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertTrue(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "did not end on SIG" + signal);
        assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue());
        assertEquals("old results\n", Files.readString(out));
        assertNoPartialFiles();
    }

    private List<Path> partialFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    private void assertNoPartialFiles() throws IOException {
        assertFalse(partialFiles().stream().findAny().isPresent(), "left behind: " + partialFiles());
    }
}

package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.cli.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo and map commands, as a user runs them. */
class PoolCommandsTest {
    private static final String TEST_CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--threads={0}")
    @ValueSource(booleans = {false, true})
    void demoMapPrintsTheTutorialsListAndWhoComputedEach(boolean threads) {
        Outcome o = threads ? CliTest.run("demo", "map", "--workers", "3", "--threads")
                : CliTest.run("demo", "map", "--workers", "3", "-q");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"), o.out());
        long pidsMentioned = o.out().lines().filter(line -> line.contains("computed by")).count();
        assertEquals(10, pidsMentioned, o.out());
        if (threads) {
            assertTrue(o.out().contains("computed by thread jpool-thread-"), o.out());
            assertTrue(o.out().contains("3 threads in this one JVM (pid " + ProcessHandle.current().pid() + ")"), o.out());
        } else {
            assertTrue(o.out().contains("3 worker JVMs (pid "), o.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"starmap", "apply-async"})
    void starmapAndApplyAsyncGiveTheCubes(String demo) {
        Outcome o = CliTest.run("demo", demo, "--workers", "2", "-q");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("[1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]"), o.out());
    }

    @Test
    void demoHelloGreetsFromEveryWorkerInSomeOrder() {
        Outcome o = CliTest.run("demo", "hello", "--workers", "3", "-q");
        assertEquals(0, o.exit(), o.err());
        Set<String> greetings = new HashSet<>();
        Set<String> pids = new HashSet<>();
        o.out().lines().filter(line -> line.startsWith("hello from ")).forEach(line -> {
            greetings.add(line.substring(0, "hello from 0".length()));
            pids.add(line.replaceAll(".*\\(pid (\\d+)\\).*", "$1"));
        });
        assertEquals(Set.of("hello from 0", "hello from 1", "hello from 2"), greetings);
        assertEquals(3, pids.size(), "three worker JVMs: " + o.out());
        assertTrue(o.out().contains("The order is not guaranteed"), o.out());
    }

    @Test
    void demoQueueDrainsEveryResult() {
        Outcome o = CliTest.run("demo", "queue", "--workers", "2", "--threads");
        assertEquals(0, o.exit(), o.err());
        assertEquals(10, o.out().lines().filter(line -> line.startsWith("got ")).count(), o.out());
        assertTrue(o.out().contains("drained in arrival order: ["), o.out());
    }

    @Test
    void anUnknownDemoIsAUsageError() {
        Outcome o = CliTest.run("demo", "fork-bomb");
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("no demo 'fork-bomb'; the demos are hello, map, starmap, apply-async, queue"), o.err());
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"process", "thread"})
    void mapRunsAUsersTaskOverJsonLinesInInputOrder(String mode) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(in, "1\n2\n3\n\n4\n5\n6\n7\n");
        Outcome o = CliTest.run("map", "--task", "dev.jpool.testing.Square", "--classpath", TEST_CLASSES,
                "--in", in.toString(), "--out", out.toString(), "--mode", mode, "--workers", "2", "--chunksize", "2");
        assertEquals(0, o.exit(), o.err());
        assertEquals(List.of("1", "4", "9", "16", "25", "36", "49"), Files.readAllLines(out));
    }

    @Test
    void aFailedInputIsReportedWithItsLineAndTheRunIsIncomplete() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(in, "12\n13\n14\n\"fourteen\"\n{oops\n15\n");
        Outcome o = CliTest.run("map", "--task", "dev.jpool.testing.Square", "--classpath", TEST_CLASSES,
                "--in", in.toString(), "--out", out.toString(), "--workers", "2", "--chunksize", "3");
        assertEquals(1, o.exit(), o.err());
        assertEquals(List.of("144", "196", "225"), Files.readAllLines(out), "only the inputs that really failed are missing");
        assertTrue(o.err().contains("line 2: java.lang.IllegalStateException: 13 is unlucky (in worker "), o.err());
        assertTrue(o.err().contains("line 4: not a java.lang.Long"), o.err());
        assertTrue(o.err().contains("line 5: not JSON"), o.err());
        assertTrue(o.err().contains("map incomplete: 3 of 6 inputs failed"), o.err());
    }

    @Test
    void unorderedResultsAreTaggedWithTheirInput() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "3\n1\n2\n");
        Path out = dir.resolve("out.jsonl");
        Outcome o = CliTest.run("map", "--task", "dev.jpool.testing.Square", "--classpath", TEST_CLASSES,
                "--in", in.toString(), "--out", out.toString(), "--unordered", "--mode", "thread");
        assertEquals(0, o.exit(), o.err());
        ObjectMapper json = new ObjectMapper();
        Map<Integer, Long> byIndex = new java.util.HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode node = json.readTree(line);
            byIndex.put(node.get("index").asInt(), node.get("result").asLong());
        }
        assertEquals(Map.of(0, 9L, 1, 1L, 2, 4L), byIndex);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "map --task com.example.Nope                                   | --task com.example.Nope: no such class",
        "map --task java.lang.String                                   | does not implement dev.jpool.task.Task",
        "map --task x.Y --classpath /no/such.jar                       | --classpath entry /no/such.jar does not exist",
        "map --task dev.jpool.launcher.demo.SquareTask --in /no/file   | --in /no/file: no such readable file",
        "map --task dev.jpool.launcher.demo.SquareTask --out /no/dir/x | --out /no/dir/x: cannot write a file there",
        "map --task dev.jpool.launcher.demo.SquareTask --mode serial   | --mode must be process or thread for map",
        "map --task dev.jpool.launcher.demo.SquareTask --chunksize 0   | --chunksize must be at least 1",
        "map                                                           | Missing required option: '--task=CLASS'",
    })
    void mapBadInputIsAOneLineUsageError(String args, String message) {
        Outcome o = CliTest.run(args.trim().split(" +"));
        assertEquals(2, o.exit(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(message), o.err());
    }
}

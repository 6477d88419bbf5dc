package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.cli.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** scale and crossover through the CLI: warnings, --from, bad input. */
class ScaleCommandTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void workerCountsAboveTheCoresRunMarkedOversubscribedWithOneWarningNamingTheCores() {
        Outcome o = CliTest.run("scale", "--workers", "1," + (CORES + 1), "--modes", "thread", "--samples", "1e5",
                "--repeat", "1");
        assertEquals(0, o.exit(), o.err());
        List<String> warnings = o.err().lines().filter(line -> line.startsWith("jpool: warning:")).toList();
        assertEquals(List.of("jpool: warning: --workers " + (CORES + 1) + " exceed the " + CORES + " core"
                + (CORES == 1 ? "" : "s") + " (available processors, cgroup limits included) detected: those runs are"
                + " oversubscribed"), warnings);
        String row = o.out().lines().filter(line -> line.matches("  thread +" + (CORES + 1) + " .*")).findFirst()
                .orElseThrow();
        assertTrue(row.endsWith("oversubscribed"), row);
        assertFalse(o.out().lines().filter(line -> line.matches("  thread +1 .*")).findFirst().orElseThrow()
                .contains("oversubscribed"));
    }

    @Test
    void aSlurmLimitBelowTheProcessorsIsTheOneNamed() {
        Outcome o = CliTest.run(Map.of("SLURM_CPUS_PER_TASK", "1"), "scale", "--workers", "1,2", "--modes", "thread",
                "--samples", "1e5", "--repeat", "1", "-q");
        assertEquals(0, o.exit(), o.err());
        assertEquals("jpool: warning: --workers 2 exceed the 1 core (SLURM_CPUS_PER_TASK) detected: those runs are"
                + " oversubscribed", o.err().strip(), "the warning shows even with --quiet");
    }

    @Test
    void noWarningWhenEveryCountFits() {
        Outcome o = CliTest.run("scale", "--workers", "1", "--modes", "thread", "--samples", "1e5", "--repeat", "1");
        assertEquals(0, o.exit(), o.err());
        assertFalse(o.err().contains("warning"), o.err());
        assertFalse(o.out().contains("oversubscribed"), o.out());
    }

    /** What SLURM job steps leave behind: one {@code pi --format json} output per run. */
    @Test
    void scaleFromADirectoryOfPiOutputsReproducesTheTableWithoutRunning() throws Exception {
        List<long[]> made = new ArrayList<>();
        String[][] runs = {{"serial", "1"}, {"serial", "1"}, {"thread", "1"}, {"thread", "2"}, {"thread", "2"},
                {"process", "2"}};
        for (int i = 0; i < runs.length; i++) {
            Outcome pi = CliTest.run("pi", "--samples", "2e5", "--seed", "9", "--mode", runs[i][0], "--workers", runs[i][1],
                    "--format", "json", "-q");
            assertEquals(0, pi.exit(), pi.err());
            Files.writeString(dir.resolve("run-" + i + ".json"), pi.out());
            made.add(new long[] {i, json.readTree(pi.out()).get("wallNanos").asLong()});
        }
        Files.writeString(dir.resolve("notes.txt"), "not a run");
        long before = ProcessHandle.current().descendants().count();
        Outcome o = CliTest.run("scale", "--from", dir.toString(), "--out", dir.resolve("out").toString(),
                "--format", "json");
        assertEquals(0, o.exit(), o.err());
        assertTrue(ProcessHandle.current().descendants().count() <= before, "nothing was run");
        JsonNode table = json.readTree(o.out());
        assertEquals(200_000, table.get("samples").asLong());
        assertEquals(9, table.get("seed").asLong());
        assertTrue(table.get("cores").isNull(), "the machine that made the runs is not known");
        List<String> rows = new ArrayList<>();
        table.get("rows").forEach(row -> rows.add(row.get("mode").asText() + " " + row.get("workers").asInt() + " "
                + row.get("runs").asInt()));
        assertEquals(List.of("serial 1 2", "process 2 1", "thread 1 1", "thread 2 2"), rows);
        JsonNode thread2 = table.get("rows").get(3);
        assertEquals((made.get(3)[1] + made.get(4)[1]) / 2, thread2.get("medianWallNanos").asLong());
        long serial = (made.get(0)[1] + made.get(1)[1]) / 2;
        assertEquals((double) serial / made.get(5)[1], table.get("rows").get(1).get("speedup").asDouble(), 1e-4);
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("scale-time.png")));
        assertEquals(1 + runs.length, Files.readAllLines(dir.resolve("out").resolve("scale-runs.csv")).size());
    }

    @Test
    void scaleFromRefusesRunsOfDifferentSamplesOrWithoutSerialNamingTheFiles() throws Exception {
        Files.writeString(dir.resolve("a.json"), CliTest.run("pi", "--samples", "1e5", "--mode", "thread", "--workers",
                "2", "--format", "json", "-q").out());
        Outcome noSerial = CliTest.run("scale", "--from", dir.toString());
        assertUsageError(noSerial, "no serial run in '" + dir + "'");
        Files.writeString(dir.resolve("b.json"), CliTest.run("pi", "--samples", "2e5", "--mode", "serial",
                "--format", "json", "-q").out());
        assertUsageError(CliTest.run("scale", "--from", dir.toString()), "'" + dir.resolve("b.json") + "' has 200000 samples");
        Files.writeString(dir.resolve("b.json"), "{\"mode\": \"serial\"}");
        assertUsageError(CliTest.run("scale", "--from", dir.toString()), "'" + dir.resolve("b.json") + "' has no workers");
        Files.writeString(dir.resolve("b.json"), "jpool: oops");
        assertUsageError(CliTest.run("scale", "--from", dir.toString()), "'" + dir.resolve("b.json") + "' is not JSON");
    }

    @Test
    void anOutThatCannotBeWrittenIsAUsageErrorBeforeAnyRun() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "a file, not a directory");
        long before = ProcessHandle.current().descendants().count();
        assertUsageError(CliTest.run("scale", "--workers", "2", "--out", file.toString()), "--out '" + file + "'");
        assertUsageError(CliTest.run("scale", "--workers", "2", "--out", file.resolve("sub").toString()), "--out");
        assertUsageError(CliTest.run("pi", "--trace", dir.toString()), "--trace '" + dir + "' is a directory");
        assertUsageError(CliTest.run("compare", "--gantt", file.resolve("g.png").toString()), "--gantt directory");
        assertTrue(ProcessHandle.current().descendants().count() <= before, "no worker JVM was started");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scale --workers 0                      | --workers must be from 1 to 1024, was 0",
        "scale --workers 1,two                  | 'two' is not an int",
        "scale --workers ''                     | '' is not an int",
        "scale --workers 1,,2                   | '' is not an int",
        "scale --modes serial                   | --modes takes process and thread",
        "scale --modes fork                     | expected one of [process, thread, serial]",
        "scale --repeat 0                       | --repeat must be between 1 and 1000, was 0",
        "scale --samples 0                      | '0' must be at least 1",
        "scale --from . --workers 2             | --workers does not go with --from",
        "scale --from /no/such/dir              | --from: '/no/such/dir' is not a directory",
        "pi --gantt timeline.jpg                | --gantt 'timeline.jpg' should end in .png",
        "crossover --workers 0                  | --workers must be from 1 to 1024, was 0",
        "crossover --max-samples 10             | --max-samples must be at least 1000",
        "crossover --modes serial               | --modes takes thread and process",
        "crossover --repeat 0                   | --repeat must be between 1 and 1000, was 0",
        "crossover --worker-jvm-opt=Xmx1g       | --worker-jvm-opt 'Xmx1g' is not a JVM option",
    })
    void badInputIsOneLineAndExitCodeTwoBeforeAnyJvmStarts(String args, String message) {
        List<String> argv = new ArrayList<>();
        for (String arg : args.trim().split(" +")) {
            argv.add(arg.equals("''") ? "" : arg);
        }
        long before = ProcessHandle.current().descendants().count();
        assertUsageError(CliTest.run(argv.toArray(String[]::new)), message);
        assertTrue(ProcessHandle.current().descendants().count() <= before, "no worker JVM was started");
    }

    @Test
    void crossoverPrintsEverySizeTriedAndSaysWhatWasNotReached() throws Exception {
        Outcome o = CliTest.run("crossover", "--workers", "2", "--modes", "process", "--max-samples", "2000",
                "--repeat", "1", "--format", "json", "-q");
        assertEquals(0, o.exit(), o.err());
        JsonNode result = json.readTree(o.out());
        assertEquals(2, result.get("trials").size(), "1,000 then the maximum, 2,000");
        assertEquals(1_000, result.get("trials").get(0).get("samples").asLong());
        assertTrue(result.get("trials").get(0).get("serialNanos").asLong() > 0);
        assertTrue(result.get("trials").get(0).get("processNanos").asLong() > 0);
        assertTrue(result.get("trials").get(0).get("threadNanos").isNull(), "threads were not asked for");
        JsonNode processes = result.get("crossovers").get(0);
        assertFalse(processes.get("reached").asBoolean(), o.out());
        Outcome text = CliTest.run("crossover", "--workers", "2", "--modes", "process", "--max-samples", "2000",
                "--repeat", "1", "-q");
        assertTrue(text.out().contains("processes never beat serial up to 2,000 samples"), text.out());
    }

    @Test
    void piWritesATraceWithALaneNamedForEachWorkerJvm() throws Exception {
        Path trace = dir.resolve("sub").resolve("pi.json");
        Outcome o = CliTest.run("pi", "--samples", "1e6", "--workers", "2", "--format", "json", "--trace", trace.toString(),
                "--gantt", dir.resolve("pi.png").toString(), "-q");
        assertEquals(0, o.exit(), o.err());
        List<String> pids = new ArrayList<>();
        json.readTree(o.out()).get("workerPids").forEach(pid -> pids.add(pid.asText()));
        List<String> lanes = new ArrayList<>();
        for (JsonNode event : json.readTree(trace.toFile()).get("traceEvents")) {
            if (event.get("name").asText().equals("thread_name")) {
                lanes.add(event.get("args").get("name").asText());
            }
        }
        assertEquals(List.of("process worker 1 of 2 (pid " + pids.get(0) + ")",
                "process worker 2 of 2 (pid " + pids.get(1) + ")"), lanes);
        assertTrue(Files.size(dir.resolve("pi.png")) > 1000);
    }

    @Test
    void noProgressBarWhenStderrIsNotATerminal() {
        Outcome o = CliTest.run("pi", "--samples", "4e8", "--workers", "2", "--mode", "thread");
        assertEquals(0, o.exit(), o.err());
        assertFalse(o.err().contains("M samples"), o.err());
        assertFalse(dev.jpool.launcher.progress.Terminal.barWanted(false, Map.of(), false));
        assertFalse(dev.jpool.launcher.progress.Terminal.barWanted(false, Map.of("CI", "true"), true));
        assertFalse(dev.jpool.launcher.progress.Terminal.barWanted(true, Map.of(), true));
        assertTrue(dev.jpool.launcher.progress.Terminal.barWanted(false, Map.of("CI", "false"), true));
    }

    private static void assertUsageError(Outcome o, String message) {
        assertEquals(2, o.exit(), o.err());
        assertEquals("", o.out(), "nothing on stdout");
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(message), o.err());
        assertFalse(o.err().contains("at dev.jpool"), "no stack trace");
    }
}

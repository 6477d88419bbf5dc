package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI in this JVM: what a user sees on stdout and stderr, and the exit codes. */
class CliTest {
    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    static Outcome run(String... args) {
        return run(Map.of(), args);
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void piInProcessModePrintsJsonWithTheWorkerPids() throws Exception {
        Outcome o = run("pi", "--samples", "1_000_000", "--workers", "2", "--format", "json");
        assertEquals(0, o.exit(), o.err());
        JsonNode result = json.readTree(o.out());
        assertEquals("process", result.get("mode").asText());
        assertEquals(2, result.get("workers").asInt());
        assertEquals(1_000_000, result.get("samples").asLong());
        assertEquals(20201117, result.get("seed").asLong());
        assertEquals(result.get("hits").asLong() * 4.0 / 1_000_000, result.get("pi").asDouble(), 1e-12);
        assertTrue(result.get("wallNanos").asLong() > 0);
        Set<Long> pids = new HashSet<>();
        result.get("workerPids").forEach(pid -> pids.add(pid.asLong()));
        assertEquals(2, pids.size());
        assertFalse(pids.contains(ProcessHandle.current().pid()));
        assertTrue(o.err().contains("jpool: process mode, 2 workers (from --workers)"), o.err());
    }

    @Test
    void piTextShowsTheEstimateItsErrorsAndALinePerWorker() {
        Outcome o = run("pi", "--samples", "1e6", "--workers", "3", "--mode", "thread");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("jpool pi: thread mode, 3 workers (from --workers)"), o.out());
        assertTrue(o.out().matches("(?s).*pi\\s+3\\.1\\d+\\s+\\|error\\| [0-9.e-]+\\s+standard error [0-9.e-]+.*"), o.out());
        assertTrue(o.out().contains("samples/s"), o.out());
        // a line per worker; which pool thread ran which chunk is up to the pool
        assertEquals(3, o.out().lines().filter(line -> line.contains("jpool-thread-")).count(), o.out());
    }

    @Test
    void theWorkerCountComesFromNumProcsThenSlurmThenTheProcessors() {
        Outcome numProcs = run(Map.of("NUM_PROCS", "3", "SLURM_CPUS_PER_TASK", "2"), "pi", "--samples", "1e5", "--mode", "thread");
        assertTrue(numProcs.out().contains("3 workers (from NUM_PROCS)"), numProcs.out());
        Outcome slurm = run(Map.of("SLURM_CPUS_PER_TASK", "2"), "pi", "--samples", "1e5", "--mode", "thread");
        assertTrue(slurm.out().contains("2 workers (from SLURM_CPUS_PER_TASK)"), slurm.out());
        Outcome cores = run(Map.of(), "pi", "--samples", "1e5", "--mode", "thread");
        assertTrue(cores.out().contains(Runtime.getRuntime().availableProcessors() + " worker"), cores.out());
        assertTrue(cores.out().contains("(from available processors)"), cores.out());
    }

    @Test
    void everyModeGivesTheSameHitsThroughTheCli() throws Exception {
        long expected = -1;
        for (String mode : List.of("serial", "thread", "process")) {
            Outcome o = run("pi", "--samples", "777777", "--seed", "5", "--workers", "3", "--mode", mode, "--format", "json", "-q");
            assertEquals(0, o.exit(), o.err());
            assertEquals("", o.err(), "--quiet");
            long hits = json.readTree(o.out()).get("hits").asLong();
            if (expected < 0) {
                expected = hits;
            }
            assertEquals(expected, hits, mode);
        }
    }

    @Test
    void aRandomSeedIsChosenAndReported() throws Exception {
        JsonNode a = json.readTree(run("pi", "--samples", "1e5", "--seed", "random", "--mode", "serial", "--format", "json").out());
        JsonNode b = json.readTree(run("pi", "--samples", "1e5", "--seed", "random", "--mode", "serial", "--format", "json").out());
        assertNotEquals(a.get("seed").asLong(), b.get("seed").asLong());
    }

    @Test
    void compareGivesTheSameNumbersInCsvAndJson() throws Exception {
        Outcome csv = run("compare", "--samples", "2e6", "--workers", "2", "--repeat", "1", "--format", "csv", "-q");
        assertEquals(0, csv.exit(), csv.err());
        String[] lines = csv.out().strip().split("\n");
        assertEquals(4, lines.length, csv.out());
        List<String> header = List.of(lines[0].split(","));
        assertEquals(List.of("serial", "thread", "process"),
                List.of(lines[1].split(",")[0], lines[2].split(",")[0], lines[3].split(",")[0]));
        Outcome js = run("compare", "--samples", "2e6", "--workers", "2", "--repeat", "1", "--format", "json", "-q");
        JsonNode rows = json.readTree(js.out()).get("rows");
        assertEquals(3, rows.size());
        for (int r = 0; r < 3; r++) {
            String[] cells = lines[r + 1].split(",", -1);
            assertEquals(rows.get(r).get("mode").asText(), cells[header.indexOf("mode")]);
            assertEquals(rows.get(r).get("workers").asText(), cells[header.indexOf("workers")]);
            assertEquals(json.readTree(js.out()).get("hits").asText(), cells[header.indexOf("hits")]);
        }
    }

    @Test
    void compareTextShowsWhereTheTimeWentAndTheMemory() {
        Outcome o = run("compare", "--samples", "1e6", "--workers", "2", "--repeat", "2");
        assertEquals(0, o.exit(), o.err());
        for (String expected : List.of("mode", "speedup", "efficiency", "start", "send", "compute", "collect",
                "peak RSS/JVM", "serial", "thread", "process", "JVM start", "Memory:")) {
            assertTrue(o.out().contains(expected), () -> expected + " missing in\n" + o.out());
        }
    }

    @Test
    void compareFitsOneHundredColumnsAndWideShowsEveryColumnInOneTable() {
        Outcome narrow = run("compare", "--samples", "1e6", "--workers", "2", "--repeat", "1", "-q");
        assertEquals(0, narrow.exit(), narrow.err());
        narrow.out().lines().forEach(line -> assertTrue(line.length() <= 100, line.length() + ": " + line));
        Outcome wide = run("compare", "--samples", "1e6", "--workers", "2", "--repeat", "1", "-q", "--wide");
        assertEquals(0, wide.exit(), wide.err());
        String header = wide.out().lines().filter(line -> line.startsWith("  mode ")).findFirst().orElseThrow();
        for (String column : List.of("wall", "min-max", "efficiency", "start", "send", "compute", "collect", "stop",
                "JVMs", "peak RSS/JVM")) {
            assertTrue(header.contains(column), column + " in " + header);
        }
        assertTrue(header.length() > 100, header);
    }

    @Test
    void compareRunsEveryModeOnTheKernelOfTheLauncher() throws Exception {
        // This test JVM has no jdk.incubator.vector, as under java -jar; the worker JVMs would get it from jpool.
        Outcome same = run("compare", "--samples", "1e6", "--workers", "2", "--repeat", "1");
        assertEquals(0, same.exit(), same.err());
        assertTrue(same.out().contains("\n  every mode on the scalar kernel\n"), same.out());
        assertFalse(same.out().contains("NOT like for like"), same.out());
        assertTrue(same.err().contains("every mode counts with the scalar kernel"), same.err());
        JsonNode rows = json.readTree(run("compare", "--samples", "1e6", "--workers", "2", "--repeat", "1",
                "--format", "json", "-q").out()).get("rows");
        for (JsonNode row : rows) {
            assertEquals("scalar", row.get("kernel").asText(), rows.toString());
        }

        // a kernel the user gives the workers alone stays theirs, and the report says the modes differ
        Outcome mixed = run("compare", "--samples", "1e6", "--workers", "2", "--repeat", "1",
                "--worker-jvm-opt=-Djpool.kernel=vector");
        assertEquals(0, mixed.exit(), mixed.err());
        assertTrue(mixed.out().replaceAll("\\s+", " ").contains("NOT like for like: the modes ran different kernels "
                + "(serial scalar, thread scalar, process vector-"), mixed.out());
    }

    @Test
    void versionAndHelp() {
        Outcome version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("jpool 0."), version.out());
        for (String command : List.of("pi", "compare", "scale", "crossover", "startup")) {
            Outcome help = run(command, "--help");
            assertEquals(0, help.exit());
            assertTrue(help.out().contains("java -jar cli/target/jpool.jar"), help.out());
            assertTrue(help.out().contains("\n  ./jpool " + command + " "), help.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pi --workers 0                 | --workers must be from 1 to 1024, was 0",
        "pi --workers -3                | --workers must be from 1 to 1024, was -3",
        "pi --workers two               | Invalid value for option '--workers': 'two' is not an int",
        "pi --samples 0                 | '0' must be at least 1",
        "pi --samples -5                | '-5' is not a positive whole number",
        "pi --samples 1e30              | '1e30' is more than the largest sample count, 1e15",
        "pi --samples 1.5               | '1.5' is not a whole number",
        "pi --samples lots              | 'lots' is not a positive whole number",
        "pi --mode fork                 | expected one of [process, thread, serial]",
        "pi --seed abc                  | 'abc' is not a whole number (or 'random')",
        "pi --format xml                | expected one of [text, json, csv]",
        "pi --worker-jvm-opt=Xmx1g      | --worker-jvm-opt 'Xmx1g' is not a JVM option",
        "pi --frobnicate                | Unknown option: '--frobnicate'",
        "compare --repeat 0             | --repeat must be between 1 and 1000, was 0",
        "pi --retries -1                | --retries must be 0 or more, was -1",
        "pi --task-timeout 0            | '0' must be more than zero",
        "pi --task-timeout soon         | 'soon' is not a duration like 30s, 500ms or 2m",
        "pi --chaos kill-all            | --chaos takes kill-one, was 'kill-all'",
        "pi --chaos kill-one --mode thread | --chaos kill-one kills a worker JVM, so it needs --mode process",
        "startup --workers 0            | --workers must be from 1 to 64, was 0",
        "startup --repeat 1001          | --repeat must be from 1 to 1000, was 1001",
        "startup --worker-jvm-opt=Xmx1g | --worker-jvm-opt 'Xmx1g' is not a JVM option",
        "fly                            | Unmatched argument at index 0: 'fly'",
    })
    void badInputIsOneLineAndExitCodeTwoBeforeAnyJvmStarts(String args, String message) {
        Outcome o = run(args.trim().split(" +"));
        assertEquals(2, o.exit(), o.err());
        assertEquals("", o.out(), "nothing on stdout");
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(message), o.err());
        assertFalse(o.err().contains("at dev.jpool"), "no stack trace");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"NUM_PROCS,abc", "NUM_PROCS,0", "NUM_PROCS,''", "SLURM_CPUS_PER_TASK,x"})
    void aBadEnvironmentVariableIsAUsageError(String name, String value) {
        long before = ProcessHandle.current().descendants().count();
        Outcome o = run(Map.of(name, value), "pi", "--samples", "1e6");
        assertEquals(2, o.exit(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(name + "="), o.err());
        assertTrue(ProcessHandle.current().descendants().count() <= before, "no worker JVM was started");
    }

    @Test
    void aRunThatFailsExitsOneNamingTheWorker() {
        Outcome o = run("pi", "--samples", "1e6", "--workers", "2", "--worker-jvm-opt=-Xmx1k");
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("jpool: run failed: a worker JVM could not start: worker "), o.err());
        assertTrue(o.err().contains("heap size"), o.err());
        assertEquals("", o.out(), "no partial result");
        assertFalse(o.err().contains("\tat "), "no stack trace for a failed run");
    }

    @Test
    void aWorkerKilledMidRunIsReplacedAndTheHitCountDoesNotChange() throws Exception {
        Outcome calm = run("pi", "--samples", "2e9", "--workers", "2", "--format", "json", "-q");
        Outcome chaos = run("pi", "--samples", "2e9", "--workers", "2", "--format", "json", "--chaos", "kill-one");
        assertEquals(0, chaos.exit(), chaos.err());
        JsonNode a = json.readTree(calm.out());
        JsonNode b = json.readTree(chaos.out());
        assertEquals(a.get("hits"), b.get("hits"), "exactly the answer of a run without faults");
        assertEquals(2, b.get("workers").asInt());
        assertEquals(1, b.get("retries").size(), chaos.err());
        assertTrue(b.get("retries").get(0).get("cause").asText().contains("killed by signal 9 SIGKILL"), chaos.out());
        assertTrue(chaos.err().contains("chaos: killing worker pid"), chaos.err());
    }

    @Test
    void whenRetriesRunOutTheRunFailsWithoutAnEstimate() {
        Outcome o = run("pi", "--samples", "1e12", "--workers", "1", "--retries", "0", "--task-timeout", "300ms");
        assertEquals(1, o.exit(), o.err());
        assertEquals("", o.out(), "no partial estimate");
        assertTrue(o.err().contains("dev.jpool.pi.PiTask timed out after 300 ms in worker 0"), o.err());
    }
}

package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.cli.CliTest.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI inside a SLURM job as its environment describes it: the allocation is honoured, the report
 * names the job, and {@code --launcher srun} refuses to start where it cannot work. Starting real
 * job steps is for {@code SlurmStepsIT}, against a real SLURM.
 */
class SlurmCliTest {
    private final ObjectMapper json = new ObjectMapper();

    /** A batch job on node1 with 2 CPUs per task, 2 nodes of 2 CPUs, and no srun on the PATH. */
    private static Map<String, String> batchJob(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("SLURM_JOB_ID", "42", "SLURMD_NODENAME", "node1",
                "SLURM_CPUS_PER_TASK", "2", "SLURM_CPUS_ON_NODE", "2", "SLURM_JOB_CPUS_PER_NODE", "2(x2)",
                "PATH", "/nonexistent"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static void assertUsageError(Outcome o, String message) {
        assertEquals(2, o.exit(), o.err());
        assertEquals("", o.out(), "nothing on stdout");
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(message), o.err());
    }

    @Test
    void insideAJobTheWorkersDefaultToTheCpusPerTaskAndTheReportNamesTheJobAndNode() throws Exception {
        Outcome text = CliTest.run(batchJob(), "pi", "--samples", "1e6", "--mode", "thread");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("2 workers (from SLURM_CPUS_PER_TASK)"), text.out());
        assertTrue(text.out().contains("  slurm    job 42, node node1, 2 CPUs per task (SLURM_CPUS_PER_TASK=2)"), text.out());
        assertFalse(text.err().contains("warning"), text.err());

        JsonNode report = json.readTree(CliTest.run(batchJob(), "pi", "--samples", "1e6", "--format", "json").out());
        assertEquals("42", report.get("slurmJobId").asText());
        assertEquals("node1", report.get("slurmNode").asText());
        assertEquals(2, report.get("workerSteps").size(), "one entry per worker");
    }

    @Test
    void compareNamesTheJobAndNodeToo() throws Exception {
        Outcome text = CliTest.run(batchJob(), "compare", "--samples", "1e5", "--repeat", "1");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("  slurm job 42, node node1, 2 CPUs per task (SLURM_CPUS_PER_TASK=2)"), text.out());
        assertFalse(text.out().contains("job steps"), "local workers are no job steps: " + text.out());
        JsonNode report = json.readTree(CliTest.run(batchJob(), "compare", "--samples", "1e5", "--repeat", "1",
                "--format", "json").out());
        assertEquals("42", report.get("slurmJobId").asText());
        assertEquals("node1", report.get("slurmNode").asText());
    }

    @Test
    void outsideAJobTheReportSaysNothingOfSlurm() throws Exception {
        Outcome text = CliTest.run(Map.of(), "pi", "--samples", "1e5", "--mode", "serial");
        assertFalse(text.out().contains("slurm"), text.out());
        JsonNode report = json.readTree(CliTest.run(Map.of(), "pi", "--samples", "1e5", "--mode", "serial",
                "--format", "json").out());
        assertTrue(report.get("slurmJobId").isNull());
        assertTrue(report.get("slurmNode").isNull());
        assertEquals(1, report.get("workerSteps").size());
        assertTrue(report.get("workerSteps").get(0).isNull(), "the serial worker is no job step");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pi --mode thread --workers 3 -q   | jpool: warning: 3 threads but this SLURM job was allocated 2 CPUs per task (SLURM_CPUS_PER_TASK=2)",
        "pi --workers 3 --samples 1e6      | jpool: warning: 3 workers but this SLURM job was allocated 2 CPUs per task (SLURM_CPUS_PER_TASK=2)",
        "compare --workers 3 --repeat 1    | jpool: warning: 3 workers but this SLURM job was allocated 2 CPUs per task (SLURM_CPUS_PER_TASK=2)",
    })
    void moreWorkersThanTheAllocationGiveOneWarningLineAndStillRun(String args, String warning) {
        List<String> words = new java.util.ArrayList<>(List.of(args.trim().split(" +")));
        if (!words.contains("--samples")) {
            words.addAll(List.of("--samples", "1e5"));
        }
        Outcome o = CliTest.run(batchJob(), words.toArray(String[]::new));
        assertEquals(0, o.exit(), o.err());
        assertEquals(1, o.err().lines().filter(line -> line.contains("warning")).count(), o.err());
        assertTrue(o.err().lines().anyMatch(warning::equals), o.err());
    }

    @Test
    void withoutCpusPerTaskTheWarningNamesTheNodesCpus() {
        Map<String, String> env = batchJob();
        env.remove("SLURM_CPUS_PER_TASK");
        Outcome o = CliTest.run(env, "pi", "--samples", "1e5", "--mode", "thread", "--workers", "3");
        assertTrue(o.err().contains("jpool: warning: 3 threads but this SLURM job was allocated 2 CPUs on this node "
                + "(SLURM_CPUS_ON_NODE=2)"), o.err());
    }

    @Test
    void theSerialModeNeverWarns() {
        Outcome o = CliTest.run(batchJob(), "pi", "--samples", "1e5", "--mode", "serial", "--workers", "9");
        assertEquals(0, o.exit(), o.err());
        assertFalse(o.err().contains("warning"), o.err());
    }

    @Test
    void srunOutsideAnAllocationIsAUsageError() {
        assertUsageError(CliTest.run(Map.of("PATH", System.getenv("PATH")), "pi", "--launcher", "srun"),
                "--launcher srun starts workers as job steps of the current SLURM allocation, but SLURM_JOB_ID is not set");
        assertUsageError(CliTest.run(Map.of(), "compare", "--launcher", "srun"), "SLURM_JOB_ID is not set");
        assertUsageError(CliTest.run(Map.of(), "pi", "--launcher", "agent"),
                "--launcher agent starts workers as job steps of the current SLURM allocation, but SLURM_JOB_ID is not set");
        assertUsageError(CliTest.run(batchJob(), "pi", "--launcher", "agent", "--mode", "thread"),
                "--launcher agent starts worker JVMs, so it goes with --mode process, not --mode thread");
    }

    @Test
    void srunMissingFromThePathIsAUsageError() {
        assertUsageError(CliTest.run(batchJob(), "pi", "--launcher", "srun", "--workers", "2"),
                "--launcher srun needs the SLURM command srun, which is not on the PATH");
    }

    @Test
    void srunWithMoreWorkersThanTheJobsCpusIsAUsageError() {
        assertUsageError(CliTest.run(batchJob(), "pi", "--launcher", "srun", "--workers", "5"),
                "--launcher srun: 5 workers but this SLURM job was allocated 4 CPUs in all "
                        + "(SLURM_JOB_CPUS_PER_NODE=2(x2)); each worker is a job step holding 2 CPUs (SLURM_CPUS_PER_TASK)");
        assertUsageError(CliTest.run(batchJob("SLURM_CPUS_PER_TASK", "1", "SLURM_NTASKS", "4"), "pi", "--launcher", "srun",
                "--workers", "5"), "5 workers but this SLURM job was allocated 4 CPUs in all "
                        + "(SLURM_JOB_CPUS_PER_NODE=2(x2)); each worker is a job step holding one CPU");
    }

    @Test
    void srunGoesWithProcessModeOnly() {
        assertUsageError(CliTest.run(batchJob(), "pi", "--launcher", "srun", "--mode", "thread"),
                "--launcher srun starts worker JVMs, so it goes with --mode process, not --mode thread");
    }

    @Test
    void anUnknownLauncherIsAUsageError() {
        assertUsageError(CliTest.run(Map.of(), "pi", "--launcher", "ssh"), "expected one of [local, srun, agent] but was 'ssh'");
    }
}

package dev.jpool.launcher.it.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.it.Command;
import dev.jpool.launcher.it.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --launcher srun}: worker JVMs as job steps of a real two-node allocation. */
class JobStepWorkersIT {
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final Pattern WORKER = Pattern.compile("pid (\\d+) on (node\\d+) \\(step (\\d+)\\)");
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cluster() throws Exception {
        LocalSlurm.assumeUp();
    }

    @Test
    void inATwoNodeAllocationTheWorkersAreStepsOnBothNodesAndCountTheSameHitsAsLocalOnes() throws Exception {
        Command salloc = Command.run(LIMIT, "salloc", "-N2", "-n2", "-c1", JAVA, "-jar", Command.JAR.toString(),
                "pi", "--launcher", "srun", "--samples", "2e7", "--format", "json");
        assertEquals(0, salloc.exit(), salloc.toString());
        JsonNode report = json.readTree(salloc.out());
        assertEquals(2, report.get("workers").asInt(), "the default: one worker per task of the job");
        assertEquals("from SLURM_NTASKS", report.get("workersSource").asText());
        assertTrue(report.get("slurmJobId").asText().matches("\\d+"), salloc.out());
        Set<String> nodes = new HashSet<>();
        report.get("workerNodes").forEach(node -> nodes.add(node.asText()));
        assertEquals(Set.of("node1", "node2"), nodes, "SLURM placed one worker on each node");
        JsonNode steps = report.get("workerSteps");
        assertEquals(2, steps.size());
        assertTrue(steps.get(0).isTextual() && steps.get(1).isTextual(), "each worker reports its step: " + steps);
        assertNotEquals(steps.get(0).asText(), steps.get(1).asText(), "two steps");
        for (JsonNode worker : report.get("workerDetails")) {
            assertTrue(worker.get("startNanos").asLong() > 0, "JVM start, srun's step launch included");
        }

        Command local = Command.run(LIMIT, JAVA, "-jar", Command.JAR.toString(), "pi", "--samples", "2e7",
                "--workers", "2", "--format", "json", "-q");
        assertEquals(0, local.exit(), local.toString());
        assertEquals(json.readTree(local.out()).get("hits").asLong(), report.get("hits").asLong(),
                "job steps count the same hits as local workers");
    }

    @Test
    void tasksOfTwoCpusAreOneWorkerEachWhoseStepHoldsBothCpus() throws Exception {
        // -n 2 -c 2 on two nodes of 2 CPUs: every CPU of the job is taken by 2 tasks, so 2 workers (not 4).
        Command salloc = Command.run(LIMIT, "salloc", "-N2", "-n2", "-c2", JAVA, "-jar", Command.JAR.toString(),
                "pi", "--launcher", "srun", "--samples", "2e7", "--format", "json");
        assertEquals(0, salloc.exit(), salloc.toString());
        JsonNode report = json.readTree(salloc.out());
        assertEquals(2, report.get("workers").asInt(), salloc.toString());
        assertEquals("from SLURM_NTASKS", report.get("workersSource").asText());
        Set<String> nodes = new HashSet<>();
        report.get("workerNodes").forEach(node -> nodes.add(node.asText()));
        assertEquals(Set.of("node1", "node2"), nodes, "a step of 2 CPUs fills a node, so one per node");
    }

    @Test
    void compareWithJobStepsSaysWhereTheWorkersRan() throws Exception {
        Command salloc = Command.run(LIMIT, "salloc", "-N2", "-n2", "-c1", JAVA, "-jar", Command.JAR.toString(),
                "compare", "--launcher", "srun", "--samples", "1e7", "--repeat", "1");
        assertEquals(0, salloc.exit(), salloc.toString());
        assertTrue(salloc.out().contains("worker JVMs ran as SLURM job steps on node1 (1 worker), node2 (1 worker)"),
                salloc.out());
        String hits = String.format(java.util.Locale.ROOT, "hits %,d in every run of every mode",
                PiBatchJobIT.localSerialHits("1e7"));
        assertTrue(salloc.out().contains(hits), hits + " in " + salloc.out());
    }

    @Test
    void aLauncherKilledWithSigkillLeavesNoWorkerStepRunning() throws Exception {
        try (Allocation allocation = Allocation.twoNodes()) {
            Process launcher = allocation.launch("pi", "--launcher", "srun", "--workers", "2", "--samples", "1e15");
            List<Long> workers = computing(launcher, new CopyOnWriteArrayList<>());
            launcher.destroyForcibly(); // SIGKILL: no hook runs; srun loses its stdin and its launcher
            assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
            Processes.assertAllExitWithin(workers, Duration.ofSeconds(5));
        }
    }

    @Test
    void aLauncherStoppedWithSigtermEndsItsWorkerSteps() throws Exception {
        try (Allocation allocation = Allocation.twoNodes()) {
            Process launcher = allocation.launch("pi", "--launcher", "srun", "--workers", "2", "--samples", "1e15");
            List<String> stderr = new CopyOnWriteArrayList<>();
            List<Long> workers = computing(launcher, stderr);
            launcher.toHandle().destroy(); // SIGTERM: the launcher's reaper stops srun, which stops its step
            assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
            assertEquals(143, launcher.exitValue(), stderr.toString());
            Processes.assertAllExitWithin(workers, Duration.ofSeconds(2));
        }
    }

    /** An allocation held by {@code salloc --no-shell}, for a launcher this test starts and kills itself. */
    private record Allocation(String jobId) implements AutoCloseable {
        static Allocation twoNodes() throws Exception {
            Command salloc = Command.run(LIMIT, "salloc", "--no-shell", "-N2", "-n2", "-c1", "--job-name=jpool-it");
            Matcher granted = Pattern.compile("Granted job allocation (\\d+)").matcher(salloc.err());
            assertTrue(salloc.exit() == 0 && granted.find(), salloc.toString());
            return new Allocation(granted.group(1));
        }

        /** The launcher as it runs inside this allocation: srun finds the job by SLURM_JOB_ID. */
        Process launch(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(JAVA, "-jar", Command.JAR.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("SLURM_JOB_ID", jobId);
            return builder.start();
        }

        @Override
        public void close() throws Exception {
            Command.run(Duration.ofSeconds(30), "scancel", jobId);
        }
    }

    /** Reads the launcher's stderr on a thread of its own; returns the worker pids once they compute. */
    private static List<Long> computing(Process launcher, List<String> stderr) throws Exception {
        CompletableFuture<List<Long>> computing = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(launcher.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    stderr.add(line);
                    if (line.contains("every worker JVM said hello")) {
                        List<Long> pids = new ArrayList<>();
                        Set<String> nodes = new HashSet<>();
                        Matcher m = WORKER.matcher(line);
                        while (m.find()) {
                            pids.add(Long.valueOf(m.group(1)));
                            nodes.add(m.group(2));
                        }
                        assertEquals(Set.of("node1", "node2"), nodes, line);
                        computing.complete(pids);
                    }
                }
            } catch (IOException | AssertionError e) {
                computing.completeExceptionally(e);
            }
            computing.completeExceptionally(new AssertionError("the launcher ended before its workers computed: " + stderr));
        }, "launcher-stderr");
        reader.setDaemon(true);
        reader.start();
        List<Long> pids = computing.get(60, TimeUnit.SECONDS);
        assertEquals(2, pids.size(), stderr.toString());
        return pids;
    }

}

package dev.jpool.launcher.it.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.it.Command;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --launcher agent}: one job step per node, each a jpool agent starting that node's worker JVMs. */
class AgentWorkersIT {
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final Pattern WORKER = Pattern.compile("pid (\\d+) on (node\\d+) \\(step (\\d+)\\)");
    private static final String SAMPLES = "4e9";

    @BeforeEach
    void cluster() throws Exception {
        LocalSlurm.assumeUp();
    }

    /**
     * With {@code killTheAgent} false one worker dies (SIGKILL) and is replaced through its agent;
     * with true a node's agent dies (SIGKILL), its workers with it, and their chunks are re-run on
     * the other node's.
     */
    @ParameterizedTest(name = "kill the agent: {0}")
    @ValueSource(booleans = {false, true})
    void eightWorkersOnTwoNodesAreTwoJobStepsCountTheSameHitsAndSurviveAWorkerOrAnAgentKilled(boolean killTheAgent)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder("salloc", "-N2", "--ntasks-per-node=1", "-c2", "--job-name=jpool-it",
                JAVA, "-jar", Command.JAR.toString(), "pi", "--launcher", "agent", "--workers", "8", "--samples", SAMPLES,
                "--format", "json").directory(Command.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process salloc = builder.start();
        CompletableFuture<String> out = Command.readAll(salloc.getInputStream());
        List<String> stderr = new CopyOnWriteArrayList<>();
        CompletableFuture<String> computing = new CompletableFuture<>();
        CompletableFuture<String> job = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(salloc.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    stderr.add(line);
                    Matcher granted = Pattern.compile("Granted job allocation (\\d+)").matcher(line);
                    if (granted.find()) {
                        job.complete(granted.group(1));
                    }
                    if (line.contains("every worker JVM said hello")) {
                        computing.complete(line);
                    }
                }
            } catch (java.io.IOException e) {
                computing.completeExceptionally(e);
            }
            computing.completeExceptionally(new AssertionError("ended before its workers computed: " + stderr));
        }, "salloc-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            String hello = computing.get(180, TimeUnit.SECONDS);
            Map<String, Integer> perStep = new TreeMap<>();
            List<Long> pids = new ArrayList<>();
            Matcher worker = WORKER.matcher(hello);
            while (worker.find()) {
                pids.add(Long.valueOf(worker.group(1)));
                perStep.merge(worker.group(2) + " step " + worker.group(3), 1, Integer::sum);
            }
            assertEquals(8, pids.size(), hello);
            assertEquals(2, perStep.size(), "two job steps, one per node: " + perStep);
            assertEquals(List.of(4, 4), List.copyOf(perStep.values()), "four workers on each node: " + perStep);

            // The victim: one worker, or its node's agent (the worker's parent, a NodeAgent JVM), whose
            // workers die with it. It is stopped (SIGSTOP) at once, on the hello: a stopped worker cannot
            // finish its chunk, nor a stopped agent pass its workers' results on, so the run is still going
            // when it is killed below, however fast this machine and JDK count.
            long victim = pids.get(3);
            if (killTheAgent) {
                ProcessHandle agent = ProcessHandle.of(victim).flatMap(ProcessHandle::parent).orElseThrow();
                assertTrue(agent.info().commandLine().orElse("").contains("dev.jpool.launcher.slurm.NodeAgent"),
                        "the worker's parent is its node's agent: " + agent.info());
                victim = agent.pid();
            }
            Command stop = Command.run(Duration.ofSeconds(10), "kill", "-STOP", Long.toString(victim));
            assertEquals(0, stop.exit(), "stopped before the run could end: " + stop);

            // SLURM's own view while they run: the job has two steps, both agents.
            Command steps = Command.run(Duration.ofSeconds(30), "squeue", "-h", "-s", "-j", job.getNow("?"),
                    "-o", "%i %j");
            List<String> agents = steps.out().lines().filter(l -> l.endsWith(" jpool-agent")).toList();
            assertEquals(2, agents.size(), "squeue -s: " + steps);
            assertEquals(agents.size(), steps.out().lines().filter(l -> l.matches("\\d+\\.\\d+ .*")).count(),
                    "no other numbered step: " + steps);

            // The victim dies (SIGKILL, stopped or not). The run goes on: the chunks it held are re-run on
            // replacements, which go to the nodes whose agents run. (Whether it held one yet is the launcher's
            // pace: chunks go out once every worker has said hello; a victim without one is just replaced.)
            Command kill = Command.run(Duration.ofSeconds(10), "kill", "-KILL", Long.toString(victim));
            assertEquals(0, kill.exit(), kill.toString());

            assertTrue(salloc.waitFor(300, TimeUnit.SECONDS), "the run ended: " + stderr);
            assertEquals(0, salloc.exitValue(), stderr.toString());
            JsonNode report = new ObjectMapper().readTree(out.get(10, TimeUnit.SECONDS));
            assertEquals(8, report.get("workers").asInt());
            assertEquals("from --workers", report.get("workersSource").asText());
            if (killTheAgent) {
                assertTrue(stderr.stream().anyMatch(l -> l.contains("jpool: the node agent on node")
                        && l.contains(" ended")), "the agent's workers ended, saying why: " + stderr);
            }
            Command serial = Command.run(Duration.ofSeconds(300), JAVA, "-jar", Command.JAR.toString(), "pi", "--mode",
                    "serial", "--samples", SAMPLES, "--format", "json", "-q");
            assertEquals(0, serial.exit(), serial.toString());
            assertEquals(new ObjectMapper().readTree(serial.out()).get("hits").asLong(), report.get("hits").asLong(),
                    "the same hits as a serial run here, a worker killed or not");
        } finally {
            if (salloc.isAlive()) {
                salloc.destroy();
                salloc.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}

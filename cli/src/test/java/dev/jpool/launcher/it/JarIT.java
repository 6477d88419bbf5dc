package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: {@code java -jar cli/target/jpool.jar ...}. */
class JarIT {
    private static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private static Process start(String... args) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR);
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static Command run(String... args) throws Exception {
        return runJar(JAR, args);
    }

    /** {@code java -jar jar args}, here, to its end. */
    private static Command runJar(Path jar, String... args) throws Exception {
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return Command.run(Path.of("").toAbsolutePath(), Map.of(), LIMIT, command.toArray(String[]::new));
    }

    /**
     * Reads the launcher's stderr on a thread of its own into {@code stderr}, and returns the
     * worker pids once the launcher says its workers are computing.
     */



    @Test
    void piFromTheJarRunsRealWorkerJvms() throws Exception {
        Command r = run("pi", "--samples", "2e6", "--workers", "2", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.get("workerPids").size());
        long a = json.get("workerPids").get(0).asLong();
        long b = json.get("workerPids").get(1).asLong();
        assertTrue(a != b && a != json.get("launcherPid").asLong() && b != json.get("launcherPid").asLong(), r.out());
        Command serial = run("pi", "--samples", "2e6", "--mode", "serial", "--format", "json");
        assertEquals(json.get("hits"), new ObjectMapper().readTree(serial.out()).get("hits"));
    }

    @Test
    void aJarReachedThroughASymbolicLinkStillRunsItsOwnTasksInWorkerJvms(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("target"), JAR.toAbsolutePath().getParent());
        Command r = runJar(link.resolve(JAR.getFileName()), "demo", "map", "--workers", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"), r.toString());
    }

    @Test
    void compareFromTheJarRunsEveryModeOnOneKernelAndNamesItOnce() throws Exception {
        // java -jar gives the launcher no Vector API module: serial and threads count scalar, so must the workers
        Command r = run("compare", "--samples", "2e6", "--workers", "2", "--repeat", "1");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().filter(line -> line.contains("kernel")).count(), r.out());
        assertTrue(r.out().contains("every mode on the scalar kernel"), r.out());
        Command json = run("compare", "--samples", "2e6", "--workers", "2", "--repeat", "1", "--format", "json", "-q");
        assertEquals(0, json.exit(), json.err());
        JsonNode rows = new ObjectMapper().readTree(json.out()).get("rows");
        rows.forEach(row -> assertEquals("scalar", row.get("kernel").asText(), rows.toString()));
    }

    @Test
    void aUsageErrorFromTheJarIsOneLineAndExitTwo() throws Exception {
        Command r = run("pi", "--samples", "1e30");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void startupMeasuresWorkersWithAndWithoutTheArchiveBesideABareJava() throws Exception {
        Command r = run("startup", "--repeat", "1", "--format", "json", "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "no worker had anything to say, not even the incubator module's warning");
        JsonNode lines = new ObjectMapper().readTree(r.out()).get("lines");
        List<String> labels = new ArrayList<>();
        lines.forEach(line -> labels.add(line.get("label").asText()));
        List<String> expected = new ArrayList<>(List.of("bare java, hello world", "worker, no class-data archive",
                "worker, class-data archive", "pi worker, class-data archive"));
        if (Runtime.version().feature() >= 25) {
            expected.add(3, "worker, AOT cache"); // this JVM runs the jar's java: JDK 25 has AOT caches
        }
        assertEquals(expected, labels);
        lines.forEach(line -> assertTrue(line.get("medianNanos").asLong() > 0, line.toString()));
        assertTrue(lines.get(0).get("medianFirstAnswerNanos").isNull(), "a bare java answers no task");
        for (int i = 1; i < lines.size(); i++) {
            JsonNode worker = lines.get(i);
            assertTrue(worker.get("medianFirstAnswerNanos").asLong() > worker.get("medianNanos").asLong(),
                    "a worker's first answer comes after its hello: " + worker);
        }
        assertTrue(lines.get(2).get("command").toString().contains("-XX:SharedArchiveFile="), lines.toString());
        assertEquals(1.0, lines.get(0).get("ratioToBareJava").asDouble());
        Command text = run("startup", "--repeat", "1", "--workers", "2", "-q");
        assertTrue(text.out().contains("2 JVMs at a time, 1 round"), text.out());
        assertTrue(text.out().contains("vs bare java"), text.out());
        assertTrue(text.out().contains("first answer"), text.out());
    }

    @Test
    void versionFromTheJar() throws Exception {
        Command r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("jpool "), r.out());
    }

    @Test
    void aLauncherKilledWithSigkillLeavesNoWorkerAliveAfterTwoSeconds() throws Exception {
        Process launcher = start("pi", "--samples", "1e15", "--workers", "2");
        List<String> stderr = new CopyOnWriteArrayList<>();
        List<Long> workers = Processes.workersSaidHello(launcher, stderr, Duration.ofSeconds(60)).pids();
        assertEquals(2, workers.size(), stderr.toString());
        launcher.destroyForcibly(); // SIGKILL: no hook runs, only the workers' stdin closes
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        Processes.assertAllExitWithin(workers, Duration.ofSeconds(2));
    }

    @Test
    void aLauncherStoppedWithSigtermEndsItsWorkersAndSaysSo() throws Exception {
        Process launcher = start("pi", "--samples", "1e15", "--workers", "2");
        List<String> stderr = new CopyOnWriteArrayList<>();
        Processes.Workers started = Processes.workersSaidHello(launcher, stderr, Duration.ofSeconds(60));
        List<Long> workers = started.pids();
        launcher.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stderr
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        assertEquals(143, launcher.exitValue());
        Processes.assertAllExitWithin(workers, Duration.ofSeconds(1));
        started.stderrReader().join(5_000); // stderr is read to its end
        assertTrue(stderr.stream().anyMatch(line -> line.contains("jpool: interrupted during pi")), stderr.toString());
    }

    @Test
    void noWorkerOutlivesANormalRun() throws Exception {
        Command r = run("pi", "--samples", "1e6", "--workers", "3", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        for (JsonNode pid : new ObjectMapper().readTree(r.out()).get("workerPids")) {
            assertFalse(ProcessHandle.of(pid.asLong()).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void sixtyFourWorkersOnAFewCoresStillGiveTheExactAnswer() throws Exception {
        Command many = run("pi", "--samples", "1e7", "--workers", "64", "--format", "json", "-q");
        assertEquals(0, many.exit(), many.err());
        Command one = run("pi", "--samples", "1e7", "--mode", "serial", "--format", "json", "-q");
        JsonNode manyJson = new ObjectMapper().readTree(many.out());
        assertEquals(new ObjectMapper().readTree(one.out()).get("hits"), manyJson.get("hits"));
        assertEquals(64, manyJson.get("workerPids").size());
    }
}

package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing the launcher started outlives it: stopped workers, and the processes a task starts, in every mode. */
class OrphansIT {
    private static final String TEST_CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static List<String> jar(String... args) {
        return JarCommand.of(args);
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Process startQuiet(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }


    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aStoppedWorkerEndsWithItsLauncher(String signal) throws Exception {
        Processes.assumeNotIgnored(signal);
        Process launcher = start(jar("pi", "--samples", "1e15", "--workers", "2"));
        List<Long> workers = Processes.workersSaidHello(launcher, new CopyOnWriteArrayList<>(), LIMIT).pids();
        assertEquals(2, workers.size(), workers.toString());
        signal("STOP", workers.get(0)); // as a debugger or a job-control script would
        signal(signal, launcher.pid());
        assertTrue(launcher.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the launcher did not exit");
        Processes.assertAllExitWithin(workers, Duration.ofSeconds(3));
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"process", "thread"})
    void aTasksChildEndsWithANormalRun(String mode) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "0\n0\n");
        Command r = Command.run(Path.of("").toAbsolutePath(), Map.of(), LIMIT, jar("map", "--task",
                "dev.jpool.testing.StartsAChild", "--classpath", TEST_CLASSES, "--in", in.toString(),
                "--mode", mode, "--workers", "2", "--chunksize", "1").toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        List<Long> children = r.out().lines().map(Long::valueOf).toList();
        assertEquals(2, children.size(), r.toString());
        Processes.assertAllExitWithin(children, Duration.ofSeconds(3));
    }

    @ParameterizedTest(name = "--mode {0}, SIG{1}")
    @CsvSource({"process, TERM", "process, INT", "process, KILL", "thread, TERM", "thread, INT"})
    void aTasksChildEndsWithItsLauncher(String mode, String signal) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "600000\n");
        Process launcher = startQuiet(jar("map", "--task", "dev.jpool.testing.StartsAChild", "--classpath",
                TEST_CLASSES, "--in", in.toString(), "--mode", mode, "--workers", "1"));
        List<ProcessHandle> tree = sleepStarted(launcher);
        signal(signal, launcher.pid());
        assertTrue(launcher.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the launcher did not exit");
        Processes.assertAllExitWithin(tree.stream().map(ProcessHandle::pid).toList(), Duration.ofSeconds(3));
    }

    /** The launcher's descendants once the task's {@code sleep} is among them (the launcher's tree, read from /proc, bounded). */
    private static List<ProcessHandle> sleepStarted(Process launcher) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline && launcher.isAlive()) {
            List<ProcessHandle> tree = launcher.descendants().toList();
            if (tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("/sleep"))) {
                return tree;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("the task's sleep never started (launcher alive: " + launcher.isAlive() + ")");
    }
}

package dev.jpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.testing.Square;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker that dies before its hello is replaced like one that dies later; only a JVM that cannot start fails fast. */
class WorkerStartFaultsTest {
    /** Starts each worker through a shell that waits a second first: a window in which it is surely not up yet. */
    private static final List<String> SLOW_START = List.of("sh", "-c", "sleep 1; exec \"$@\"", "sh");

    @Test
    void aWorkerKilledBeforeItsHelloIsReplacedAndTheMapGetsEveryResult() throws Exception {
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        try (ProcessPool pool = new ProcessPool(ProcessPoolOptions.workers(2).withLaunchPrefix(SLOW_START).withRetries(2)
                .withDiagnostics(diagnostics::add).withWorkerStderr(line -> { }))) {
            long victim = pool.pids().get(0);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL, before its JVM even runs
            pool.ready().get(120, TimeUnit.SECONDS);
            List<Long> squares = pool.map(new Square(), List.of(1L, 2L, 3L, 4L), 1);
            assertEquals(List.of(1L, 4L, 9L, 16L), squares);
            assertEquals(3, pool.history().size(), "the killed worker was replaced: " + pool.history());
            assertTrue(diagnostics.stream().anyMatch(line -> line.contains("in place of one that died before its hello")),
                    diagnostics.toString());
        }
    }

    @Test
    void workersThatKeepDyingBeforeTheirHelloFailThePoolOnceRetriesRunOut() throws Exception {
        // each worker is SIGKILLed by its own shell before java starts
        try (ProcessPool pool = new ProcessPool(ProcessPoolOptions.workers(1).withRetries(1).withWorkerStderr(line -> { })
                .withLaunchPrefix(List.of("sh", "-c", "kill -KILL $$", "sh")))) {
            Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> pool.ready().get(120, TimeUnit.SECONDS));
            assertTrue(String.valueOf(failure.getCause()).contains("a worker JVM could not start"), String.valueOf(failure));
            assertTrue(String.valueOf(failure.getCause()).contains("2 workers in a row died before their hello"),
                    String.valueOf(failure));
        }
    }

    @Test
    void aJvmThatCannotStartFailsThePoolAtOnceWithoutRetries() throws Exception {
        try (ProcessPool pool = new ProcessPool(ProcessPoolOptions.workers(2).withRetries(2).withJvmOptions("-Xmx1k")
                .withWorkerStderr(line -> { }))) {
            Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> pool.ready().get(120, TimeUnit.SECONDS));
            assertTrue(String.valueOf(failure.getCause()).contains("a worker JVM could not start"), String.valueOf(failure));
            assertTrue(pool.history().size() <= 2, "no worker was started again: " + pool.history());
        }
    }

    @Test
    void aRetryNamesItsInputsAsTheCallerNamedThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        try (ProcessPool pool = new ProcessPool(ProcessPoolOptions.workers(1).withDiagnostics(diagnostics::add)
                .withWorkerStderr(line -> { }))) {
            List<String> markers = List.of(dir.resolve("a").toString(), dir.resolve("b").toString());
            assertEquals(List.of("ok", "ok"), pool.map(new dev.jpool.testing.ExitOnce(),
                    NamedInputs.of(markers, i -> "line " + (7 + i)), 2));
            assertTrue(diagnostics.stream().anyMatch(line -> line.startsWith("retrying the 2 inputs from line 7 to line 8 (attempt 2 of 3)")),
                    diagnostics.toString());
            assertEquals(0, pool.retries().get(0).firstInput(), "the record keeps positions in the call");
        }
    }

    @Test
    void thePoolApiRetriesAsTheCliDoesByDefault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals(ProcessPoolOptions.DEFAULT_RETRIES, ProcessPoolOptions.workers(1).retries());
        assertEquals(2, ProcessPoolOptions.DEFAULT_RETRIES);
        try (ProcessPool pool = new ProcessPool(ProcessPoolOptions.workers(1).withWorkerStderr(line -> { }))) {
            String marker = dir.resolve("died-once").toString();
            assertEquals("ok", pool.apply(new dev.jpool.testing.ExitOnce(), marker), "re-run after its worker died");
            assertEquals(1, pool.retries().size());
        }
    }
}

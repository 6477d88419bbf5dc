package dev.jpool.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.pool.ProcessPoolOptions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
    private static ProcessRunner runner(ProcessPoolOptions options) {
        return new ProcessRunner(options.withWorkerStderr(line -> { }), line -> { });
    }

    @Test
    void twoWorkersAreTwoSeparateProcessesThatHaveExitedAfterTheRun() throws Exception {
        PiRun run = runner(ProcessPoolOptions.workers(1)).run(3_000_000, 7, 2);
        Set<Long> pids = run.workers().stream().map(WorkerTiming::pid).collect(Collectors.toSet());
        assertEquals(2, pids.size(), "two distinct pids: " + pids);
        assertFalse(pids.contains(ProcessHandle.current().pid()), "no worker is the launcher");
        assertEquals(ProcessHandle.current().pid(), run.launcherPid());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " has exited");
        }
        for (WorkerTiming w : run.workers()) {
            assertTrue(w.startNanos() > 0, "JVM start measured");
            assertTrue(w.computeNanos() > 0, "compute measured");
            assertTrue(w.startNanos() + w.computeNanos() <= run.wallNanos(), "phases fit in the wall time");
            if (dev.jpool.host.PeakRss.available()) {
                assertNotNull(w.peakRssKib());
                assertTrue(w.peakRssKib() > 1024, "a JVM holds more than 1 MiB: " + w.peakRssKib());
            }
        }
    }

    @Test
    void aFailedWorkerFailsTheRunNamingItAndLeavesNoWorkerBehind() {
        var bad = ProcessPoolOptions.workers(1).withJvmOptions("-Xmx1k");
        RunFailedException e = assertThrows(RunFailedException.class, () -> runner(bad).run(1_000_000, 1, 3));
        assertTrue(e.getMessage().matches("(?s)a worker JVM could not start: worker \\d \\(pid \\d+\\) exited with code 1, before saying hello.*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("heap"), e.getMessage()); // the JVM's own words, quoted
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
                "no worker left running");
    }
}

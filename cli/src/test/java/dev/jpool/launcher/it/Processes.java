package dev.jpool.launcher.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Checks on processes that are not this JVM's children, such as a killed launcher's workers. */
public final class Processes {
    private Processes() {
    }

    /**
     * Whether a process is still running. An orphaned worker that has exited stays a zombie until
     * PID 1 reaps it, which in some containers takes a second or two; Java's ProcessHandle counts
     * a zombie as alive, so the state is read from /proc: a zombie has exited and holds nothing.
     */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }

    /** Fails unless every pid has stopped running within {@code limit} (those still running are killed). */
    public static void assertAllExitWithin(List<Long> pids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long pid : pids) {
            // A non-child process offers no exit event to wait on (onExit itself polls), so poll /proc, bounded.
            while (running(pid) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            if (running(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                throw new AssertionError("worker " + pid + " still running " + limit.toMillis()
                        + " ms after its launcher ended");
            }
        }
    }
}

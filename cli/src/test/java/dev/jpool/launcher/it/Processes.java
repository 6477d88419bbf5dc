package dev.jpool.launcher.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on processes that are not this JVM's children, such as a killed launcher's workers. */
public final class Processes {
    /**
     * Skips the calling test when {@code signal} (TERM, INT, HUP) is ignored in this JVM: a process
     * started with a signal ignored (a background job of a non-interactive shell ignores INT, nohup
     * ignores HUP) passes that on to every process it starts, whose JVM then never sees the signal,
     * so there is nothing to test. Read from Linux's {@code /proc/self/status}; elsewhere, nothing skipped.
     */
    public static void assumeNotIgnored(String signal) {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException("no number known for SIG" + signal);
        };
        long ignored = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // not Linux: the test says what it finds
        }
        org.junit.jupiter.api.Assumptions.assumeTrue((ignored & (1L << (number - 1))) == 0, "SIG" + signal
                + " is ignored in this JVM (inherited from whatever started the build, e.g. a background job),"
                + " so the processes it starts ignore it too: nothing to test");
    }

    private Processes() {
    }

    private static final Pattern STARTED = Pattern.compile("(\\d+) worker JVMs? started \\(pid ([\\d, ]+)\\)");

    /**
     * Reads a launcher's stderr on a thread of its own into {@code stderr}, to its end, and returns
     * the reader and, once the launcher says every worker JVM said hello, the workers' pids.
     */
    public static Workers workersSaidHello(Process launcher, List<String> stderr, Duration limit) throws Exception {
        CompletableFuture<List<Long>> hello = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            List<Long> found = new ArrayList<>();
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(launcher.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    stderr.add(line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        Arrays.stream(m.group(2).split(", ")).map(Long::valueOf).forEach(found::add);
                    }
                    if (line.contains("every worker JVM said hello")) {
                        hello.complete(found);
                    }
                }
            } catch (IOException e) {
                hello.completeExceptionally(e);
            }
            hello.completeExceptionally(new AssertionError("the launcher ended before its workers said hello: " + stderr));
        }, "launcher-stderr");
        reader.setDaemon(true);
        reader.start();
        return new Workers(hello.get(limit.toSeconds(), TimeUnit.SECONDS), reader);
    }

    /** A launcher's worker pids, and the thread reading its stderr. */
    public record Workers(List<Long> pids, Thread stderrReader) {
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

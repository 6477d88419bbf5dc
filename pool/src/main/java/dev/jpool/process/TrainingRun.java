package dev.jpool.process;

import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.worker.Identity;
import dev.jpool.worker.RecordIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A training worker: a worker JVM started with the option that makes it write a start cache as it
 * exits, and talked to as every worker is, through {@link WorkerProcess}: its hello, a few chunks of
 * tasks that do nothing ({@link Identity} on plain numbers: the classes every worker loads, start-up,
 * the protocol; {@link RecordIdentity} on a record: Jackson databind reading and writing a chunk; and
 * none of any one task's), a shutdown, its bye, its exit.
 */
final class TrainingRun implements AutoCloseable {
    /** The training worker was killed by a signal (this JVM's exit, a user, the OOM killer): no fault of the jar's or the JDK's. */
    static final class Killed extends IOException {
        Killed(String message) {
            super(message);
        }
    }

    private final WorkerProcess worker;
    private final Duration timeout;

    private TrainingRun(WorkerProcess worker, Duration timeout) {
        this.worker = worker;
        this.timeout = timeout;
    }

    /**
     * Starts the training worker; {@link #run} then trains it. Here, never through a prefix such as
     * srun: the cache goes to this machine's cache directory, which job steps on other nodes read
     * where it is shared.
     *
     * @param lowPriority whether to run it under {@code nice}, where there is one: below the workers
     *                    of the pool that goes on without the cache, which then start first
     */
    static TrainingRun start(WorkerCommandLine commandLine, Duration timeout, boolean lowPriority) throws IOException {
        try {
            // What the JVM itself prints (JDK 25's "Temporary AOTConfiguration recorded", and what the
            // child JVM it starts to assemble the cache prints) to stderr, off the protocol channel.
            WorkerCommandLine training = commandLine.withJvmOptions(List.of("-XX:+DisplayVMOutputToStderr"))
                    .withPrefix(lowPriority ? nice() : List.of());
            return new TrainingRun(WorkerProcess.start(0, training, new Protocol(), line -> { }), timeout);
        } catch (RuntimeException e) {
            throw new IOException("the training worker cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * {@code nice -n 5}, which runs the JVM in its own process (it execs), where the system has it.
     * 5, not 19: the pool's workers still get three times its share of a busy core, but it is not
     * starved. At nice 19 beside six busy processes on two cores (load 8), a bare {@code java} hello
     * world took 15 s (0.8 s at nice 5), the training worker more than its 120 s, and a CLI run
     * that waits for the build as it exits sat there for minutes after its result.
     */
    private static List<String> nice() {
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                return List.of(nice, "-n", "5");
            }
        }
        return List.of();
    }

    long pid() {
        return worker.pid();
    }

    /**
     * Sends {@code chunks} chunks of each training task and a shutdown, and waits (within the
     * timeout) for the answers, the bye and the exit.
     *
     * @throws Killed      when a signal ended the worker
     * @throws IOException when it failed otherwise, saying how
     */
    void run(int chunks) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Protocol protocol = new Protocol();
        try {
            await(worker.hello(), deadline);
            RawJson numbers = protocol.json(List.of(1L, 2L, 3L));
            RawJson points = protocol.json(List.of(new RecordIdentity.Point(1, "a"), new RecordIdentity.Point(2, "b")));
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                answers.add(worker.submit(Identity.class.getName(), numbers));
                answers.add(worker.submit(RecordIdentity.class.getName(), points));
            }
            await(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)), deadline);
            for (CompletableFuture<Answer> answer : answers) {
                if (answer.join() instanceof Answer.Threw threw) {
                    throw new IOException("the training task threw: " + threw.describe()); // a JVM no task runs on trains nothing
                }
            }
            await(worker.shutdown(), deadline);
            // The JVM writes the cache as it exits, after its bye: the exit is the end of the build.
            if (!worker.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                throw new TimeoutException();
            }
        } catch (TimeoutException e) {
            throw new IOException("the training worker did not finish within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            // The worker's death, in its own words: "worker 0 (pid 12) was killed by signal 9 ...",
            // or what it did wrong ("wrote a line that is not jpool protocol"), for which it was ended.
            String message = e.getCause().getMessage();
            String why = message.startsWith(worker.name())
                    ? "the training worker (pid " + worker.pid() + ")" + message.substring(worker.name().length()) : message;
            throw message.startsWith(worker.name() + " was killed by signal") ? new Killed(why) : new IOException(why);
        }
        int exit = worker.exitStatus();
        if (exit != 0) {
            String why = "the training worker (pid " + worker.pid() + ") " + ExitStatus.describe(exit) + " after its bye";
            throw List.of(128 + 1, 128 + 2, 128 + 9, 128 + 15).contains(exit) ? new Killed(why) : new IOException(why);
        }
    }

    private static void await(Future<?> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Ends the training worker now if it still runs, and waits for it to go. */
    @Override
    public void close() {
        worker.close();
    }
}

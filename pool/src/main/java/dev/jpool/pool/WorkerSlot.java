package dev.jpool.pool;

import dev.jpool.process.Answer;
import dev.jpool.process.WorkerProcess;
import dev.jpool.protocol.RawJson;
import dev.jpool.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** One worker JVM of a process pool and what the pool keeps of it: the chunks it answered, when, and how it ended. */
final class WorkerSlot {
    final WorkerProcess process;
    private final List<WorkerHistory.ChunkTiming> timings = new ArrayList<>();
    /** What ended it, when it died. */
    private volatile String death;

    WorkerSlot(WorkerProcess process) {
        this.process = process;
    }

    /** A start no worker would get past: no hello in time, or the initializer threw. */
    static final class StartFailed extends WorkerException {
        private static final long serialVersionUID = 1L;

        StartFailed(String message) {
            super(message);
        }
    }

    /**
     * Completes once the worker has said hello, within {@code helloSeconds} of its spawn, and run
     * the {@code initializer} (if not null) on its input. Fails with a {@link StartFailed} when it
     * did not say hello in time or the initializer threw; with the worker's death when it died first.
     */
    CompletableFuture<Void> up(long helloSeconds, Task<?, ?> initializer, RawJson initializerInput) {
        CompletableFuture<?> hello = PoolTimer.within(process.hello(), helloSeconds).exceptionally(failure -> {
            if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                throw new StartFailed(name() + " did not say hello within " + helloSeconds + " s of its spawn; it was ended");
            }
            throw AbstractPool.poolException(failure);
        });
        if (initializer != null) {
            hello = hello.thenCompose(h -> process.submit(initializer.getClass().getName(), initializerInput))
                    .thenApply(answer -> {
                        if (answer instanceof Answer.Threw threw) {
                            throw new StartFailed("the initializer " + initializer.getClass().getName() + " failed in "
                                    + threw.worker() + ": " + threw.failure().error() + ": " + threw.failure().message());
                        }
                        return answer;
                    });
        }
        return hello.thenApply(ok -> null);
    }

    String name() {
        return process.name();
    }

    void died(String why) {
        death = why;
    }

    /** Notes the timings of an answered chunk of {@code inputs} inputs from {@code first}. */
    synchronized void answered(Answer.Done answer, int first, int inputs) {
        long offset = clockOffset();
        timings.add(new WorkerHistory.ChunkTiming(first, inputs, answer.sentNanos(),
                answer.result().receivedNanos() + offset, answer.result().computeNanos(),
                answer.result().sentNanos() + offset, answer.answeredNanos()));
    }

    /**
     * Converts the worker's {@link System#nanoTime()} to this JVM's. On one Linux host both read
     * the same monotonic clock, which shows as a hello stamped between spawn and arrival; otherwise
     * (another node) the hello's arrival is taken as its send time.
     */
    private long clockOffset() {
        var hello = process.hello().getNow(null);
        if (hello == null) {
            return 0;
        }
        long stamped = hello.message().nanoTime();
        return stamped >= process.spawnNanos() && stamped <= hello.atNanos() ? 0 : hello.atNanos() - stamped;
    }

    synchronized WorkerHistory history() {
        var hello = process.hello().isDone() && !process.hello().isCompletedExceptionally() ? process.hello().join() : null;
        var bye = process.bye().isDone() && !process.bye().isCompletedExceptionally() ? process.bye().join() : null;
        Long exit = process.exitNanos().isDone() ? process.exitNanos().join() : null;
        // The pid the worker JVM reports: the launcher's child is not the JVM when a prefix such as srun runs it.
        long pid = hello != null ? hello.message().pid() : process.pid();
        return new WorkerHistory(process.index(), pid, hello == null ? null : hello.message().node(),
                hello == null ? null : hello.message().slurmStep(), process.spawnNanos(),
                hello == null ? null : hello.atNanos(), timings, exit,
                bye == null ? null : bye.message().peakRssKib(), death);
    }
}

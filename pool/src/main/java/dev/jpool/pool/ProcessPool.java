package dev.jpool.pool;

import dev.jpool.process.Answer;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * A pool of separate worker JVMs, started once and reused for many tasks, like Python's
 * {@code multiprocessing.Pool}.
 *
 * <p>Each worker is a JVM started with {@link ProcessBuilder} from this JVM's own {@code java}, with
 * a classpath made from where jpool's, Jackson's and the caller's classes are (this JVM's classpath,
 * the context class loader's, plus {@link ProcessPoolOptions#classpath()}), so a pool works from
 * {@code java -cp}, {@code mvn exec:java}, an IDE or a test runner alike; it runs one chunk at a time, chunks going to
 * whichever worker is free. Inputs and outputs cross the pipe as JSON (Jackson), so they must be
 * values Jackson can write and read back. A worker that dies fails the chunk it was running with a
 * {@link WorkerException} and is replaced; a worker that cannot even start (a bad JVM option, a
 * missing class) breaks the pool at once, with the worker's own words, instead of hanging.
 *
 * <p>Every worker JVM ends with the pool: on {@link #close()}, on {@link #terminate()}, when this
 * JVM exits or is interrupted, and, should this JVM be killed outright, by itself as soon as its
 * stdin closes.
 */
public final class ProcessPool extends AbstractPool {
    private enum State { RUNNING, CLOSED, TERMINATED }

    private final ProcessPoolOptions options;
    private final ChunkCodec codec;
    private final SendableTasks sendable;
    private final WorkerStarts starts;
    private final ChunkRuns runs;
    private final Object lock = new Object();
    /** Guarded by the lock, as everything below. */
    private final Scheduler<WorkerSlot> scheduler;
    private final WorkerRoster roster = new WorkerRoster();
    private final List<Retry> retries = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completes when the pool stops taking work. */
    private final CompletableFuture<Void> shutDown = new CompletableFuture<>();
    private State state = State.RUNNING;
    private PoolException broken;

    /** A pool of {@code workers} worker JVMs with default options. */
    public ProcessPool(int workers) {
        this(ProcessPoolOptions.workers(workers));
    }

    /** A pool of worker JVMs with these options, and the process pool's defaults for the rest. */
    public ProcessPool(PoolOptions options) {
        this(ProcessPoolOptions.of(options));
    }

    /**
     * Starts the worker JVMs (returning before they are up; work submitted meanwhile waits).
     *
     * @throws WorkerException when a worker process cannot be started at all
     */
    public ProcessPool(ProcessPoolOptions options) {
        this.options = options;
        WorkerCommandLine commandLine = PoolCommandLine.of(options);
        Protocol protocol = new Protocol();
        this.codec = new ChunkCodec(protocol);
        List<Path> workerClasspath = WorkerClasspath.entries(commandLine.classpath());
        this.sendable = new SendableTasks(workerClasspath, protocol.mapper());
        this.scheduler = new Scheduler<>(options.workers(), options.retries(), options.maxTasksPerWorker());
        if (options.initializer() != null) {
            TaskCheck.requireSendable(options.initializer(), workerClasspath);
        }
        RawJson initializerInput = options.initializer() == null ? null
                : codec.encode(Collections.singletonList(options.initializerInput()), 0, index -> "the initializer's input");
        PoolControl control = new Control();
        this.starts = new WorkerStarts(options, commandLine, protocol, initializerInput, lock, scheduler, roster, control);
        this.runs = new ChunkRuns(options, lock, scheduler, retries, starts, control);
        try {
            for (int i = 0; i < options.workers(); i++) {
                starts.start();
            }
        } catch (RuntimeException e) {
            terminate();
            throw e;
        }
    }

    /**
     * Refuses, with the reason, a task that a pool made with these options could not send to its
     * worker JVMs (a lambda, a class that is not public, a class not on the worker classpath).
     * A pool checks this itself on every call; this lets a caller check before starting one.
     *
     * @throws IllegalArgumentException saying why and what to do
     */
    public static void requireSendable(Task<?, ?> task, ProcessPoolOptions options) {
        SendableTasks.requireSendable(task, WorkerClasspath.entries(PoolCommandLine.classpath(options)));
    }

    @Override
    public int workers() {
        return options.workers();
    }

    /**
     * Completes when as many workers as the pool has have said hello (and run the initializer), a
     * replacement of one that died before its hello counting in its place; fails if the workers
     * could not start. Handy to keep JVM start out of a measurement.
     */
    @Override
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Every worker JVM this pool has started so far, replacements included, and what each did. */
    public List<WorkerHistory> history() {
        synchronized (lock) {
            return roster.all().stream().map(WorkerSlot::history).toList();
        }
    }

    /** The pids of the worker JVMs alive now. */
    public List<Long> pids() {
        synchronized (lock) {
            return scheduler.seats().stream().map(seat -> seat.worker.process.pid()).toList();
        }
    }

    /** Every chunk re-run so far: which, which attempt, on which worker it failed, and why. */
    public List<Retry> retries() {
        synchronized (lock) {
            return List.copyOf(retries);
        }
    }

    @Override
    <I, O> Task<I, O> prepare(Task<I, O> task) {
        return sendable.prepare(task);
    }

    @Override
    void requireRunning() {
        synchronized (lock) {
            requireRunningLocked();
        }
    }

    private void requireRunningLocked() {
        if (broken != null) {
            throw broken;
        }
        if (state != State.RUNNING) {
            throw notRunning(state.name().toLowerCase());
        }
    }

    @Override
    <I, O> CompletableFuture<List<O>> submitChunk(Task<I, O> task, List<I> chunk, int first, IntFunction<String> names) {
        SendableTasks.Sendable<I, O> prepared = sendable.prepare(task);
        RawJson inputs = codec.encode(chunk, first, names);
        ChunkJob job = new ChunkJob(prepared.task().getClass().getName(), prepared.wire(), inputs, chunk.size(), first,
                prepared.outputs(), names);
        synchronized (lock) {
            requireRunningLocked();
            scheduler.enqueue(job);
        }
        dispatch();
        CompletableFuture<List<O>> result = job.reply.thenApply(answer -> {
            if (answer instanceof Answer.Threw threw) {
                throw codec.threw(job, threw);
            }
            return codec.<O>outputs(job, (Answer.Done) answer);
        });
        job.result = result;
        return result;
    }

    @Override
    void cancelChunk(CompletableFuture<?> chunk, boolean interrupt) {
        Scheduler.Cancel<WorkerSlot> cancel;
        synchronized (lock) {
            cancel = scheduler.cancel(chunk, interrupt);
        }
        if (cancel.job() != null) {
            cancel.job().reply.completeExceptionally(new CancellationException("cancelled"));
        }
        if (cancel.toEnd() != null) {
            cancel.toEnd().worker.process.close(); // the worker is ended, and replaced as a dead one is
        }
    }

    @Override
    boolean awaitTermination(long nanos) throws InterruptedException {
        long start = System.nanoTime();
        try {
            shutDown.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return isTerminated();
        }
        return roster.awaitAll(start, nanos);
    }

    /** Hands queued chunks to idle workers, and lets idle workers go once the pool is closed and drained. */
    private void dispatch() {
        Scheduler.Dispatch<WorkerSlot> decided;
        synchronized (lock) {
            decided = scheduler.dispatch(state == State.CLOSED);
        }
        decided.sends().forEach(send -> runs.run(send.seat(), send.job()));
        decided.leaving().forEach(seat -> seat.worker.process.shutdown());
    }

    /** A worker never got going: another would fail the same way. Say why, now, to everyone waiting. */
    private void failStart(PoolException why) {
        PoolException first;
        synchronized (lock) {
            if (broken == null) {
                broken = why;
            }
            first = broken;
        }
        ready.completeExceptionally(first);
        terminate();
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSED;
            }
        }
        shutDown.complete(null);
        dispatch();
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return state != State.RUNNING;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return state != State.RUNNING && !scheduler.hasQueued()
                    && roster.allExited();
        }
    }

    @Override
    public void join() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                throw new IllegalStateException("join() waits for workers to exit: call shutdown(), close() or terminate() first");
            }
        }
        roster.joinAll();
    }

    @Override
    public void terminate() {
        List<ChunkJob> unfinished;
        List<WorkerSlot> all;
        PoolException terminated;
        synchronized (lock) {
            state = State.TERMINATED;
            terminated = broken != null ? broken : new PoolException("the pool was terminated");
            unfinished = scheduler.drain();
        }
        all = roster.all();
        unfinished.forEach(job -> job.reply.completeExceptionally(terminated));
        shutDown.complete(null);
        all.forEach(slot -> slot.process.close());
    }

    /** This pool as its starts and runs see it. */
    private final class Control implements PoolControl {
        @Override
        public boolean running() {
            return state == State.RUNNING;
        }

        @Override
        public boolean terminated() {
            return state == State.TERMINATED;
        }

        @Override
        public void allUp() {
            ready.complete(null);
        }

        @Override
        public void dispatch() {
            ProcessPool.this.dispatch();
        }

        @Override
        public void failStart(PoolException why) {
            ProcessPool.this.failStart(why);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ProcessPool[" + options.workers() + " workers, " + state.name().toLowerCase() + ", pids " + pids() + "]";
        }
    }
}

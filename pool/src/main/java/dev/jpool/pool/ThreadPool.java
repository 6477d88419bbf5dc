package dev.jpool.pool;

import dev.jpool.protocol.ThrowableText;
import dev.jpool.task.Task;
import dev.jpool.task.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of threads in this JVM, behind the same {@link Pool} API as {@link ProcessPool}: the
 * same operations, the same chunks, but inputs and outputs are handed over in shared memory, no
 * JVM starts, and any {@link Task} runs, lambdas included. What it cannot give is isolation: a
 * task that exits the JVM or exhausts the heap takes every thread with it.
 *
 * <p>It takes {@link PoolOptions}; the options that only make sense for separate JVMs (JVM options,
 * environment, classpath, maxTasksPerWorker: a thread shares the heap, so recycling one frees
 * nothing) are in {@link ProcessPoolOptions}, which it does not take.
 */
public final class ThreadPool extends AbstractPool {
    private final int threads;
    private final ExecutorService executor;
    private final Task<Object, ?> initializer;
    private final Object initializerInput;
    private final ThreadLocal<Boolean> initialized = ThreadLocal.withInitial(() -> false);
    private final Set<CompletableFuture<?>> unfinished = ConcurrentHashMap.newKeySet();
    /** How to cancel each unfinished chunk's run. */
    private final Map<CompletableFuture<?>, Future<?>> runs = new ConcurrentHashMap<>();
    private final ChunkProgress progress;
    private volatile boolean terminated;

    /** A pool of {@code threads} threads. */
    public ThreadPool(int threads) {
        this(PoolOptions.workers(threads));
    }

    @SuppressWarnings("unchecked")
    public ThreadPool(PoolOptions options) {
        this.threads = options.workers();
        this.progress = options.progress();
        this.initializer = (Task<Object, ?>) options.initializer();
        this.initializerInput = options.initializerInput();
        AtomicInteger names = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "jpool-thread-" + names.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.prestartAllCoreThreads();
        this.executor = pool;
    }

    @Override
    public int workers() {
        return threads;
    }

    /**
     * Any task runs here, nothing crosses a process boundary; but a serializable task that could
     * not be serialized is refused as a {@link ProcessPool} refuses it, so it means the same here.
     */
    @Override
    <I, O> Task<I, O> prepare(Task<I, O> task) {
        if (TaskSerialization.travelsSerialized(task)) {
            TaskSerialization.encode(task, "ThreadPool refuses what a ProcessPool could not send, ");
        }
        return task;
    }

    @Override
    void requireRunning() {
        if (executor.isShutdown()) {
            throw notRunning(terminated ? "terminated" : "closed");
        }
    }

    @Override
    public CompletableFuture<Void> ready() {
        return CompletableFuture.completedFuture(null); // the threads started with the pool
    }

    @Override
    <I, O> CompletableFuture<List<O>> submitChunk(Task<I, O> task, List<I> chunk, int first, IntFunction<String> names) {
        List<I> inputs = new ArrayList<>(chunk);
        CompletableFuture<List<O>> result = new CompletableFuture<>();
        unfinished.add(result);
        result.whenComplete((outputs, failure) -> unfinished.remove(result));
        try {
            Future<?> run = executor.submit(() -> {
                try {
                    result.complete(runChunk(task, inputs, first, names));
                } catch (Throwable e) {
                    // A TaskException; or anything else, so that no failure leaves the future waiting for ever.
                    result.completeExceptionally(e instanceof TaskException ? e
                            : failure(task.getClass().getName(), null, -1, null, "thread " + Thread.currentThread().getName(), e));
                }
            });
            runs.put(result, run);
            result.whenComplete((outputs, failure) -> runs.remove(result));
        } catch (RejectedExecutionException e) {
            unfinished.remove(result);
            throw notRunning(terminated ? "terminated" : "closed");
        }
        return result;
    }

    @Override
    void cancelChunk(CompletableFuture<?> chunk, boolean interrupt) {
        Future<?> run = runs.get(chunk);
        if (run != null) {
            run.cancel(interrupt);
        }
        chunk.completeExceptionally(new CancellationException("cancelled"));
    }

    @Override
    boolean awaitTermination(long nanos) throws InterruptedException {
        return executor.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    }

    private <I, O> List<O> runChunk(Task<I, O> task, List<I> inputs, int first, IntFunction<String> names) {
        String thread = "thread " + Thread.currentThread().getName();
        if (initializer != null && !initialized.get()) {
            try {
                initializer.apply(initializerInput);
                initialized.set(true);
            } catch (Exception | Error e) {
                throw failure(initializer.getClass().getName(), null, -1, null, thread, e);
            }
        }
        List<O> outputs = new ArrayList<>(inputs.size());
        try (TaskProgress.Binding binding = TaskProgress.bind(progress == null ? (done, total) -> { }
                : (done, total) -> progress.progress(first, done, total))) {
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    outputs.add(task.apply(inputs.get(i)));
                } catch (Exception | Error e) {
                    throw failure(task.getClass().getName(), ThrowableText.valueOf(inputs.get(i)), first + i,
                            names.apply(first + i), thread, e);
                }
            }
        }
        return outputs;
    }

    /** The failure of a task, described by ThrowableText, which cannot throw (a task's exception may, when asked). */
    private static TaskException failure(String task, String input, int index, String name, String thread,
                                         Throwable e) {
        return new TaskException(task, input, index, name, thread, ThrowableText.className(e), ThrowableText.message(e),
                ThrowableText.stackTrace(e), e);
    }

    @Override
    public void shutdown() {
        executor.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return executor.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return executor.isTerminated();
    }

    @Override
    public void join() {
        if (!executor.isShutdown()) {
            throw new IllegalStateException("join() waits for workers to exit: call shutdown(), close() or terminate() first");
        }
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                // running tasks finish; there is no bound on how long a task may run
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolException("interrupted while waiting for the threads to finish", e);
        }
    }

    /** Drops queued chunks, interrupts running ones, and fails every unfinished future. */
    @Override
    public void terminate() {
        terminated = true;
        executor.shutdownNow();
        PoolException terminated = new PoolException("the pool was terminated");
        unfinished.forEach(future -> future.completeExceptionally(terminated));
    }
}

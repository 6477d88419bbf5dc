package dev.jpool.pool;

import dev.jpool.task.Task;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a pool is made: the options every pool takes, {@link ThreadPool} and {@link ProcessPool}
 * alike. Immutable; each {@code with...} method returns a changed copy, so an option can be added
 * without breaking a caller. The options that only worker JVMs have (JVM options, classpath,
 * retries, timeouts, ...) are in {@link ProcessPoolOptions}, which only a {@code ProcessPool} takes:
 *
 * <pre>{@code
 * Pool threads = new ThreadPool(PoolOptions.workers(4).withInitializer(new LoadModel(), "model.bin"));
 * Pool processes = new ProcessPool(ProcessPoolOptions.workers(4)
 *         .withJvmOptions("-Xmx128m", "-Dmy.setting=1")
 *         .withMaxTasksPerWorker(100)
 *         .withInitializer(new LoadModel(), "model.bin"));
 * }</pre>
 */
public final class PoolOptions {
    /** Most workers a pool takes: more is taken for a mistake. */
    public static final int MAX_WORKERS = 1024;

    private final int workers;
    private final Task<?, ?> initializer;
    private final Object initializerInput;
    private final ChunkProgress progress;

    private PoolOptions(Builder b) {
        if (b.workers < 1 || b.workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be from 1 to " + MAX_WORKERS + ", was " + b.workers);
        }
        this.workers = b.workers;
        this.initializer = b.initializer;
        this.initializerInput = b.initializerInput;
        this.progress = b.progress;
    }

    /** Defaults with {@code n} workers. */
    public static PoolOptions workers(int n) {
        Builder b = new Builder();
        b.workers = n;
        return new PoolOptions(b);
    }

    /** Defaults with one worker per processor available to this JVM. */
    public static PoolOptions defaults() {
        return workers(Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
    }

    /** Worker JVMs, or threads. */
    public int workers() {
        return workers;
    }

    /** The task run once in each worker before any other, or null. */
    public Task<?, ?> initializer() {
        return initializer;
    }

    /** The initializer's input. */
    public Object initializerInput() {
        return initializerInput;
    }

    /** Hears the progress tasks report, per chunk; null for none. */
    public ChunkProgress progress() {
        return progress;
    }

    /** The same options with {@code n} workers. */
    public PoolOptions withWorkers(int n) {
        return with(b -> b.workers = n);
    }

    /** Runs {@code task} on {@code input} once in each worker before its first task (Python's {@code initializer}). */
    public <I> PoolOptions withInitializer(Task<I, ?> task, I input) {
        Objects.requireNonNull(task, "initializer");
        return with(b -> {
            b.initializer = task;
            b.initializerInput = input;
        });
    }

    /** Hears the progress each chunk's task reports (see {@link dev.jpool.task.TaskProgress}). */
    public PoolOptions withProgress(ChunkProgress listener) {
        return with(b -> b.progress = listener);
    }

    private PoolOptions with(Consumer<Builder> change) {
        Builder b = new Builder();
        b.workers = workers;
        b.initializer = initializer;
        b.initializerInput = initializerInput;
        b.progress = progress;
        change.accept(b);
        return new PoolOptions(b);
    }

    @Override
    public String toString() {
        return "PoolOptions[workers=" + workers + (initializer == null ? "" : ", initializer="
                + initializer.getClass().getName()) + "]";
    }

    /** The fields of the next copy, while it is being made. */
    private static final class Builder {
        int workers;
        Task<?, ?> initializer;
        Object initializerInput;
        ChunkProgress progress;
    }
}

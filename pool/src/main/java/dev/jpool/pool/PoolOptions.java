package dev.jpool.pool;

import dev.jpool.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a pool is made. Immutable; each {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * PoolOptions options = PoolOptions.workers(4)
 *         .withJvmOptions("-Xmx128m", "-Dmy.setting=1")
 *         .withMaxTasksPerWorker(100)
 *         .withInitializer(new LoadModel(), "model.bin");
 * }</pre>
 *
 * @param workers           worker JVMs (or threads)
 * @param jvmOptions        extra options for each worker JVM (ProcessPool only)
 * @param environment       extra environment variables for each worker JVM (ProcessPool only)
 * @param classpath         extra classpath entries for the worker JVMs, after this JVM's own (ProcessPool only)
 * @param maxTasksPerWorker replace a worker JVM after it ran this many chunks; 0 for never (ProcessPool only)
 * @param initializer       a task run once in each worker before any other, or null
 * @param initializerInput  the initializer's input
 * @param classDataArchive  start worker JVMs from an AppCDS archive (ProcessPool only)
 * @param cacheDirectory    where that archive is kept; null for the default ({@code ~/.cache/jpool})
 * @param workerStderr      receives each line a worker JVM writes on stderr, prefixed with its id;
 *                          null passes them to this JVM's stderr
 * @param diagnostics       receives jpool's own notes (e.g. that a class-data archive is being built); null for none
 * @param retries           times a chunk is re-run on another worker JVM when its worker dies or times out
 *                          (ProcessPool only; a task that throws is not retried)
 * @param taskTimeout       longest a chunk may run on a worker JVM before the worker is ended; null for no limit
 *                          (ProcessPool only)
 * @param launchPrefix      words placed before {@code java} on each worker's command line, e.g. {@code srun
 *                          --exact -n1} to start it as a SLURM job step, or {@code numactl ...}; empty for none
 *                          (ProcessPool only)
 * @param progress          hears the progress tasks report, per chunk; null for none
 */
public record PoolOptions(int workers, List<String> jvmOptions, Map<String, String> environment, List<Path> classpath,
                          int maxTasksPerWorker, Task<?, ?> initializer, Object initializerInput,
                          boolean classDataArchive, Path cacheDirectory, Consumer<String> workerStderr,
                          Consumer<String> diagnostics, int retries, Duration taskTimeout,
                          List<String> launchPrefix, ChunkProgress progress) {
    /** Most workers a pool takes: more is taken for a mistake. */
    public static final int MAX_WORKERS = 1024;

    public PoolOptions {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be from 1 to " + MAX_WORKERS + ", was " + workers);
        }
        if (maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("maxTasksPerWorker must be 0 (never) or more, was " + maxTasksPerWorker);
        }
        for (String option : jvmOptions) {
            if (option == null || !option.startsWith("-") || option.length() < 2) {
                throw new IllegalArgumentException("'" + option + "' is not a JVM option (they start with '-', e.g. -Xmx64m)");
            }
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
        }
        if (taskTimeout != null && (taskTimeout.isZero() || taskTimeout.isNegative())) {
            throw new IllegalArgumentException("taskTimeout must be positive, was " + taskTimeout);
        }
        jvmOptions = List.copyOf(jvmOptions);
        launchPrefix = List.copyOf(launchPrefix);
        environment = Map.copyOf(environment);
        classpath = List.copyOf(classpath);
    }

    /** Defaults with {@code n} workers. */
    public static PoolOptions workers(int n) {
        return new PoolOptions(n, List.of(), Map.of(), List.of(), 0, null, null, true, null, null, null, 0, null, List.of(), null);
    }

    /** Defaults with one worker per processor available to this JVM. */
    public static PoolOptions defaults() {
        return workers(Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
    }

    public PoolOptions withWorkers(int n) {
        return new PoolOptions(n, jvmOptions, environment, classpath, maxTasksPerWorker, initializer, initializerInput,
                classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Adds JVM options, e.g. {@code -Xmx128m} or {@code -Dkey=value}, after jpool's defaults. */
    public PoolOptions withJvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new PoolOptions(workers, all, environment, classpath, maxTasksPerWorker, initializer, initializerInput,
                classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Adds an environment variable for the worker JVMs. */
    public PoolOptions withEnvironment(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new PoolOptions(workers, jvmOptions, all, classpath, maxTasksPerWorker, initializer, initializerInput,
                classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Adds classpath entries (jars or directories) where worker JVMs find task classes. */
    public PoolOptions withClasspath(Path... entries) {
        List<Path> all = new ArrayList<>(classpath);
        all.addAll(List.of(entries));
        return new PoolOptions(workers, jvmOptions, environment, all, maxTasksPerWorker, initializer, initializerInput,
                classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Replaces each worker JVM after it has run {@code chunks} chunks (Python's {@code maxtasksperchild}). */
    public PoolOptions withMaxTasksPerWorker(int chunks) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, chunks, initializer, initializerInput,
                classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Runs {@code task} on {@code input} once in each worker before its first task (Python's {@code initializer}). */
    public <I> PoolOptions withInitializer(Task<I, ?> task, I input) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker,
                Objects.requireNonNull(task, "initializer"), input, classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Whether worker JVMs start from a class-data archive (on by default). */
    public PoolOptions withClassDataArchive(boolean on) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, on, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Where the class-data archive is kept. */
    public PoolOptions withCacheDirectory(Path directory) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, directory, workerStderr, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Where worker stderr lines go (each prefixed with the worker's id). */
    public PoolOptions withWorkerStderr(Consumer<String> sink) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, cacheDirectory, sink, diagnostics, retries, taskTimeout, launchPrefix, progress);
    }

    /** Where jpool's own notes go, such as "building the worker class-data archive". */
    public PoolOptions withDiagnostics(Consumer<String> sink) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, cacheDirectory, workerStderr, sink, retries, taskTimeout, launchPrefix, progress);
    }

    /** Re-runs a chunk up to {@code times} more times when its worker JVM dies or times out. */
    public PoolOptions withRetries(int times) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, cacheDirectory, workerStderr, diagnostics, times, taskTimeout, launchPrefix, progress);
    }

    /** Ends a worker JVM (and what it started) whose chunk runs longer than {@code timeout}. */
    public PoolOptions withTaskTimeout(Duration timeout) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, timeout, launchPrefix, progress);
    }

    /** Starts each worker JVM through {@code words}, e.g. {@code srun --exact -n1 -c1 -u} for a SLURM job step. */
    public PoolOptions withLaunchPrefix(List<String> words) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout, words, progress);
    }

    /** Hears the progress each chunk's task reports (see {@link dev.jpool.task.TaskProgress}). */
    public PoolOptions withProgress(ChunkProgress listener) {
        return new PoolOptions(workers, jvmOptions, environment, classpath, maxTasksPerWorker, initializer,
                initializerInput, classDataArchive, cacheDirectory, workerStderr, diagnostics, retries, taskTimeout,
                launchPrefix, listener);
    }
}

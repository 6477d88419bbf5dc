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
 * How a {@link ProcessPool} is made: every {@link PoolOptions} option, and those that only worker
 * JVMs have. Immutable; each {@code with...} method returns a changed copy, so an option can be
 * added without breaking a caller. A {@link ThreadPool} does not take these, so an option that
 * cannot apply to threads is refused by the compiler, not at run time.
 *
 * <pre>{@code
 * ProcessPoolOptions options = ProcessPoolOptions.workers(4)
 *         .withJvmOptions("-Xmx128m", "-Dmy.setting=1")
 *         .withMaxTasksPerWorker(100)
 *         .withRetries(2);
 * }</pre>
 */
public final class ProcessPoolOptions {
    private final PoolOptions common;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final List<Path> classpath;
    private final int maxTasksPerWorker;
    private final boolean classDataArchive;
    private final boolean classDataArchiveAwaited;
    private final Path cacheDirectory;
    private final Consumer<String> workerStderr;
    private final Consumer<String> diagnostics;
    private final int retries;
    private final Duration taskTimeout;
    private final List<String> launchPrefix;

    /**
     * Times a chunk is re-run by default when its worker JVM dies, in the Pool API and the CLI alike:
     * a worker killed once (the OOM killer, a node's trouble) costs a re-run, not the whole call,
     * while a chunk that kills every worker it runs on still fails after three tries.
     */
    public static final int DEFAULT_RETRIES = 2;

    private ProcessPoolOptions(Builder b) {
        for (String option : b.jvmOptions) {
            if (option == null || !option.startsWith("-") || option.length() < 2) {
                throw new IllegalArgumentException("'" + option + "' is not a JVM option (they start with '-', e.g. -Xmx64m)");
            }
        }
        if (b.maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("maxTasksPerWorker must be 0 (never) or more, was " + b.maxTasksPerWorker);
        }
        if (b.retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + b.retries);
        }
        if (b.taskTimeout != null && (b.taskTimeout.isZero() || b.taskTimeout.isNegative())) {
            throw new IllegalArgumentException("taskTimeout must be positive, was " + b.taskTimeout);
        }
        this.common = b.common;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.environment = Map.copyOf(b.environment);
        this.classpath = List.copyOf(b.classpath);
        this.maxTasksPerWorker = b.maxTasksPerWorker;
        this.classDataArchive = b.classDataArchive;
        this.classDataArchiveAwaited = b.classDataArchiveAwaited;
        this.cacheDirectory = b.cacheDirectory;
        this.workerStderr = b.workerStderr;
        this.diagnostics = b.diagnostics;
        this.retries = b.retries;
        this.taskTimeout = b.taskTimeout;
        this.launchPrefix = List.copyOf(b.launchPrefix);
    }

    /** Defaults with {@code n} worker JVMs. */
    public static ProcessPoolOptions workers(int n) {
        return of(PoolOptions.workers(n));
    }

    /** Defaults with one worker JVM per processor available to this JVM. */
    public static ProcessPoolOptions defaults() {
        return of(PoolOptions.defaults());
    }

    /** These options, and the process pool's defaults for the rest. */
    public static ProcessPoolOptions of(PoolOptions options) {
        Builder b = new Builder();
        b.common = Objects.requireNonNull(options);
        return new ProcessPoolOptions(b);
    }

    /** The options any pool takes. */
    public PoolOptions common() {
        return common;
    }

    /** Worker JVMs. */
    public int workers() {
        return common.workers();
    }

    /** The task run once in each worker JVM before any other, or null. */
    public Task<?, ?> initializer() {
        return common.initializer();
    }

    /** The initializer's input. */
    public Object initializerInput() {
        return common.initializerInput();
    }

    /** Hears the progress tasks report, per chunk; null for none. */
    public ChunkProgress progress() {
        return common.progress();
    }

    /** Extra options for each worker JVM, after jpool's defaults. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Extra environment variables for each worker JVM. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Extra classpath entries for the worker JVMs, after those jpool finds (see {@link ProcessPool}). */
    public List<Path> classpath() {
        return classpath;
    }

    /** A worker JVM is replaced after it ran this many chunks; 0 for never. */
    public int maxTasksPerWorker() {
        return maxTasksPerWorker;
    }

    /** Whether worker JVMs start from a class-data archive (on by default). */
    public boolean classDataArchive() {
        return classDataArchive;
    }

    /** Whether a pool waits for its class-data archive to be built when there is none yet (off by default). */
    public boolean classDataArchiveAwaited() {
        return classDataArchiveAwaited;
    }

    /** Where that archive is kept; null for the default ({@code ~/.cache/jpool}). */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** Receives each line a worker JVM writes on stderr, prefixed with its id; null passes them to this JVM's stderr. */
    public Consumer<String> workerStderr() {
        return workerStderr;
    }

    /**
     * Receives jpool's own notes: why workers start without a class-data archive (each reason once
     * per JVM), a retry. Null: the reasons go to this JVM's stderr, the other notes nowhere; a sink
     * that drops its lines silences both.
     */
    public Consumer<String> diagnostics() {
        return diagnostics;
    }

    /** Times a chunk is re-run on another worker JVM when its worker dies or times out (a task that throws is not). */
    public int retries() {
        return retries;
    }

    /** Longest a chunk may run on a worker JVM before the worker is ended; null for no limit. */
    public Duration taskTimeout() {
        return taskTimeout;
    }

    /** Words placed before {@code java} on each worker's command line; empty for none. */
    public List<String> launchPrefix() {
        return launchPrefix;
    }

    /** The same options with {@code n} worker JVMs. */
    public ProcessPoolOptions withWorkers(int n) {
        return with(b -> b.common = common.withWorkers(n));
    }

    /** Runs {@code task} on {@code input} once in each worker JVM before its first task (Python's {@code initializer}). */
    public <I> ProcessPoolOptions withInitializer(Task<I, ?> task, I input) {
        return with(b -> b.common = common.withInitializer(task, input));
    }

    /** Hears the progress each chunk's task reports (see {@link dev.jpool.task.TaskProgress}). */
    public ProcessPoolOptions withProgress(ChunkProgress listener) {
        return with(b -> b.common = common.withProgress(listener));
    }

    /** Adds JVM options, e.g. {@code -Xmx128m} or {@code -Dkey=value}, after jpool's defaults (later ones win). */
    public ProcessPoolOptions withJvmOptions(String... options) {
        return with(b -> b.jvmOptions.addAll(List.of(options)));
    }

    /** Adds an environment variable for the worker JVMs. */
    public ProcessPoolOptions withEnvironment(String name, String value) {
        return with(b -> b.environment.put(Objects.requireNonNull(name), Objects.requireNonNull(value)));
    }

    /** Adds classpath entries (jars or directories) where worker JVMs find task classes. */
    public ProcessPoolOptions withClasspath(Path... entries) {
        return with(b -> b.classpath.addAll(List.of(entries)));
    }

    /** Replaces each worker JVM after it has run {@code chunks} chunks (Python's {@code maxtasksperchild}). */
    public ProcessPoolOptions withMaxTasksPerWorker(int chunks) {
        return with(b -> b.maxTasksPerWorker = chunks);
    }

    /**
     * Whether worker JVMs start from a class-data archive (on by default): an AOT cache on JDK 25 and
     * newer. The first pool on a new classpath (jar, JDK or worker JVM options) finds none: its
     * workers start at once without one, and the archive is built in the background (some seconds,
     * by a training worker JVM that ends with this JVM) for later pools, in this JVM or the next.
     * Only jar files can be archived: with a class directory on the worker classpath there is none.
     * See {@link #withClassDataArchiveAwaited} to wait for it, and
     * {@link dev.jpool.process.StartCache#awaitBuilds} to let a build finish before this JVM exits.
     */
    public ProcessPoolOptions withClassDataArchive(boolean on) {
        return with(b -> b.classDataArchive = on);
    }

    /**
     * Whether a pool whose class-data archive is not built yet waits for it in its constructor (some
     * seconds, once per jar and JDK), so that its workers start from it too; off by default. For
     * those who measure start-up: with it on, every pool's workers start from the archive.
     */
    public ProcessPoolOptions withClassDataArchiveAwaited(boolean on) {
        return with(b -> b.classDataArchiveAwaited = on);
    }

    /** Where the class-data archive is kept. */
    public ProcessPoolOptions withCacheDirectory(Path directory) {
        return with(b -> b.cacheDirectory = directory);
    }

    /** Where worker stderr lines go (each prefixed with the worker's id). */
    public ProcessPoolOptions withWorkerStderr(Consumer<String> sink) {
        return with(b -> b.workerStderr = sink);
    }

    /** Where jpool's own notes go, such as "building the worker class-data archive". */
    public ProcessPoolOptions withDiagnostics(Consumer<String> sink) {
        return with(b -> b.diagnostics = sink);
    }

    /** Re-runs a chunk up to {@code times} more times when its worker JVM dies or times out; {@link #DEFAULT_RETRIES} unless told. */
    public ProcessPoolOptions withRetries(int times) {
        return with(b -> b.retries = times);
    }

    /** Ends a worker JVM (and what it started) whose chunk runs longer than {@code timeout}; null for no limit. */
    public ProcessPoolOptions withTaskTimeout(Duration timeout) {
        return with(b -> b.taskTimeout = timeout);
    }

    /** Starts each worker JVM through {@code words}, e.g. {@code srun --exact -n1 -c1 -u} for a SLURM job step. */
    public ProcessPoolOptions withLaunchPrefix(List<String> words) {
        return with(b -> {
            b.launchPrefix.clear();
            b.launchPrefix.addAll(words);
        });
    }

    private ProcessPoolOptions with(Consumer<Builder> change) {
        Builder b = new Builder();
        b.common = common;
        b.jvmOptions.addAll(jvmOptions);
        b.environment.putAll(environment);
        b.classpath.addAll(classpath);
        b.maxTasksPerWorker = maxTasksPerWorker;
        b.classDataArchive = classDataArchive;
        b.classDataArchiveAwaited = classDataArchiveAwaited;
        b.cacheDirectory = cacheDirectory;
        b.workerStderr = workerStderr;
        b.diagnostics = diagnostics;
        b.retries = retries;
        b.taskTimeout = taskTimeout;
        b.launchPrefix.addAll(launchPrefix);
        change.accept(b);
        return new ProcessPoolOptions(b);
    }

    @Override
    public String toString() {
        return "ProcessPoolOptions[workers=" + workers() + ", jvmOptions=" + jvmOptions + ", classpath=" + classpath
                + ", maxTasksPerWorker=" + maxTasksPerWorker + ", retries=" + retries + ", taskTimeout=" + taskTimeout
                + (launchPrefix.isEmpty() ? "" : ", launchPrefix=" + launchPrefix) + "]";
    }

    /** The fields of the next copy, while it is being made; the defaults of a new one. */
    private static final class Builder {
        PoolOptions common;
        final List<String> jvmOptions = new ArrayList<>();
        final Map<String, String> environment = new LinkedHashMap<>();
        final List<Path> classpath = new ArrayList<>();
        int maxTasksPerWorker;
        boolean classDataArchive = true;
        boolean classDataArchiveAwaited;
        Path cacheDirectory;
        Consumer<String> workerStderr;
        Consumer<String> diagnostics;
        int retries = DEFAULT_RETRIES;
        Duration taskTimeout;
        final List<String> launchPrefix = new ArrayList<>();
    }
}

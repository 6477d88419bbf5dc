package dev.jpool.process;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What makes a worker JVM start fast: the classes every worker loads, parsed, verified (and on JDK
 * 25 linked and profiled) once by a training worker and mapped into every later one. A
 * {@link ClassDataArchive} before JDK 25, an {@link AotCache} from then on ({@link #forThisJdk}).
 *
 * <p>A cache is kept in a cache directory under a name made from everything it depends on (see
 * {@link CacheFile}), checked against its CRC32C on every use, and built once per jar, JDK and set
 * of worker options: by one JVM at a time (the others wait for it, or start their workers without),
 * into a temporary file moved into place whole, so that a build that dies leaves nothing a worker
 * could map; its training worker ends with this JVM. A build that fails is not tried again within
 * the hour; one whose worker was killed is tried again by the next pool.
 *
 * <p>{@link #applyIfReady} is what a pool uses: a cache that is there, or none, and then it is built
 * in the background for later pools (in this JVM or the next). {@link #apply} waits for the build,
 * for those who measure start-up. Every reason a cache is not used is said once per JVM, to the
 * diagnostics given.
 */
public abstract sealed class StartCache permits ClassDataArchive, AotCache {
    /** What has been said in this JVM: a pool starts many workers, and a program may start many pools. */
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
    /** Builds under way in this JVM, by cache file; guards {@link #shuttingDown} too. */
    private static final Map<Path, Build> BUILDS = new HashMap<>();
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StartCache::endBuilds, "jpool-start-cache-builds"));
    }

    /**
     * What sets one kind of start cache apart.
     *
     * @param what           "class-data archive" or "AOT cache", as messages name it
     * @param prefix         its files' names start so, then the key ({@link CacheFile#of})
     * @param extension      and end so
     * @param useOption      the worker option that takes the cache ({@code -XX:SharedArchiveFile=}), its path appended
     * @param trainingOption the worker option that writes the cache as the worker exits, its path appended
     * @param trainingChunks chunks the training worker runs
     * @param buildTimeout   longest a training worker may take
     */
    record Kind(String what, String prefix, String extension, String useOption, String trainingOption,
                int trainingChunks, Duration buildTimeout) {
    }

    private final Path directory;
    private final Consumer<String> diagnostics;
    private final Kind kind;

    StartCache(Path directory, Consumer<String> diagnostics, Kind kind) {
        this.directory = directory;
        this.kind = kind;
        this.diagnostics = diagnostics != null ? diagnostics : line -> System.err.println("jpool: " + line);
    }

    /**
     * The start cache this JVM's workers take: an AOT cache on JDK 25 and newer, else a class-data archive.
     *
     * @param diagnostics receives a line when a cache is built or cannot be used; null for this JVM's stderr
     */
    public static StartCache forThisJdk(Path directory, Consumer<String> diagnostics) {
        return AotCache.supported() ? new AotCache(directory, diagnostics) : new ClassDataArchive(directory, diagnostics);
    }

    /** Null where this JVM can make such a cache, else why not. */
    abstract String unsupported();

    /** The command line with the cache, built first (and waited for) if there is none yet; unchanged if none can be had. */
    public WorkerCommandLine apply(WorkerCommandLine commandLine) {
        return with(commandLine, pathFor(commandLine));
    }

    /**
     * The command line with the cache if it is there now; else unchanged, and the cache is built in
     * the background for later pools. Returns at once.
     */
    public WorkerCommandLine applyIfReady(WorkerCommandLine commandLine) {
        Optional<CacheFile> file = usable(commandLine);
        if (file.isPresent() && file.get().intact()) {
            file.get().markUsed();
            return with(commandLine, file.map(CacheFile::path));
        }
        file.ifPresent(f -> build(f, commandLine, true));
        return commandLine;
    }

    /** The cache for this command line, built first (and waited for) if missing or damaged; empty when none can be had. */
    public Optional<Path> pathFor(WorkerCommandLine commandLine) {
        Optional<CacheFile> file = usable(commandLine);
        if (file.isEmpty() || file.get().intact()) {
            file.ifPresent(CacheFile::markUsed);
            return file.map(CacheFile::path);
        }
        diagnostics.accept("building the worker " + kind.what() + " (once per jar and JDK): " + file.get().path());
        long bound = 2 * kind.buildTimeout().toSeconds();
        try {
            return build(file.get(), commandLine, false).get(bound, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            say(without() + ": " + file.get().path() + " is still being built after " + bound
                    + " s (by another JVM?)");
        } catch (ExecutionException e) {
            say(without() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * Waits for the builds this JVM has under way (a pool's background builds among them), so that
     * the next pool, here or in the next JVM, finds its cache: for a program about to exit, whose
     * exit would end them.
     *
     * @return whether none is left under way
     */
    public static boolean awaitBuilds(Duration timeout) throws InterruptedException {
        return allDone(underWay(), timeout);
    }

    /**
     * As {@link #awaitBuilds(Duration)}, but a wait longer than {@code quietly} is said first, as
     * {@code saying}, once, through the diagnostics of one of the caches being built (so not
     * where they are silenced).
     */
    public static boolean awaitBuilds(Duration quietly, String saying, Duration timeout) throws InterruptedException {
        List<Build> underWay = underWay();
        if (allDone(underWay, quietly)) {
            return true;
        }
        underWay.get(0).diagnostics.accept(saying);
        return allDone(underWay, timeout);
    }

    private static List<Build> underWay() {
        synchronized (BUILDS) {
            return List.copyOf(BUILDS.values());
        }
    }

    private static boolean allDone(List<Build> builds, Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(builds.stream().map(build -> build.done).toArray(CompletableFuture[]::new))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // a failed build is done too; it said why
        }
    }

    private WorkerCommandLine with(WorkerCommandLine commandLine, Optional<Path> cache) {
        return cache.map(path -> commandLine.withJvmOptions(List.of(kind.useOption() + path))).orElse(commandLine);
    }

    /** The cache file for this command line, unless a reason keeps it from being used (said once). */
    private Optional<CacheFile> usable(WorkerCommandLine commandLine) {
        String why = unsupported();
        List<String> directories = new ArrayList<>(); // or anything else that is not a jar file
        for (String entry : commandLine.classpath().split(File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(entry))) {
                directories.add(entry);
            }
        }
        if (why == null && !directories.isEmpty()) {
            why = "the JDK archives classes from jar files only, not from the worker classpath's "
                    + String.join(", ", directories) + " (a jar of them would start workers faster)";
        }
        try {
            CacheFile file = why == null ? CacheFile.of(directory, kind.prefix(), kind.extension(), commandLine) : null;
            why = why != null ? why : file.untrusted();
            if (why == null && file.recentFailure().isPresent() && !file.intact()) {
                why = "building it failed within the hour (" + file.recentFailure().get() + "); it is tried again "
                        + CacheFile.RETRY_FAILED_BUILD.toMinutes() + " minutes after: " + file.path() + ".failed";
            }
            if (why == null) {
                return Optional.of(file);
            }
        } catch (IOException e) {
            why = "cannot read a classpath entry: " + e.getMessage();
        }
        say(without() + ": " + why);
        return Optional.empty();
    }

    /** "workers start without a class-data archive" (an AOT cache). */
    private String without() {
        return "workers start without " + (kind.what().startsWith("AOT") ? "an " : "a ") + kind.what();
    }

    private void say(String line) {
        if (SAID.add(line)) {
            diagnostics.accept(line);
        }
    }

    /** The build of this cache under way in this JVM, started if there is none. */
    private CompletableFuture<Optional<Path>> build(CacheFile file, WorkerCommandLine commandLine, boolean background) {
        synchronized (BUILDS) {
            Build build = BUILDS.get(file.path());
            if (build == null) {
                build = new Build(file, diagnostics);
                BUILDS.put(file.path(), build);
                Build started = build;
                Thread thread = new Thread(() -> run(started, commandLine, background), "jpool-start-cache-build");
                thread.setDaemon(true);
                thread.start();
            }
            return build.done;
        }
    }

    private void run(Build build, WorkerCommandLine commandLine, boolean background) {
        CacheFile file = build.file;
        Optional<Path> result = Optional.empty();
        try {
            file.createDirectory();
            FileLock lock = file.lock(() -> say(without() + " until it is built; another JVM is building it: "
                    + file.path()));
            try {
                if (file.intact()) { // built by another JVM while this one waited for the lock
                    result = Optional.of(file.path());
                } else if (file.recentFailure().isEmpty()) {
                    result = Optional.of(train(build, commandLine, background));
                }
            } finally {
                file.removeTemporaries();
                file.unlock(lock);
            }
        } catch (TrainingRun.Killed e) {
            boolean exiting;
            synchronized (BUILDS) {
                exiting = shuttingDown;
            }
            if (!exiting) { // else this JVM's exit ended it, which is news to no one
                say(without() + ": " + e.getMessage() + "; the next pool builds it again");
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            file.markFailed(why);
            say(without() + ": building it failed (tried again in an hour): " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (BUILDS) {
                BUILDS.remove(file.path());
            }
            build.done.complete(result);
        }
    }

    private Path train(Build build, WorkerCommandLine commandLine, boolean background)
            throws IOException, InterruptedException {
        CacheFile file = build.file;
        Path tmp = file.newTemporary();
        WorkerCommandLine training = commandLine.withJvmOptions(List.of(kind.trainingOption() + tmp));
        synchronized (BUILDS) {
            if (shuttingDown) {
                throw new TrainingRun.Killed("this JVM is exiting");
            }
            // In the background, below the pool's own workers: they start first on a busy machine.
            build.training = TrainingRun.start(training, kind.buildTimeout(), background);
        }
        if (background) {
            say(without() + " until it is built; a training worker (pid "
                    + build.training.pid() + ") builds it in the background, for later pools: " + file.path());
        }
        try (TrainingRun run = build.training) {
            run.run(kind.trainingChunks());
        }
        if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
            throw new IOException("the training worker exited without writing a " + kind.what());
        }
        file.install(tmp);
        CachePrune.prune(directory, kind.prefix(), kind.extension());
        return file.path();
    }

    /** On this JVM's exit: ends each training worker, then removes what it wrote and the build's lock. */
    private static void endBuilds() {
        List<Build> underWay;
        synchronized (BUILDS) {
            shuttingDown = true;
            underWay = List.copyOf(BUILDS.values());
        }
        for (Build build : underWay) {
            if (build.training != null) {
                build.training.close();
            }
            build.file.removeTemporaries();
            build.file.removeLock();
        }
    }

    /** One build under way in this JVM. */
    private static final class Build {
        final CacheFile file;
        /** Those of the cache that started it. */
        final Consumer<String> diagnostics;
        final CompletableFuture<Optional<Path>> done = new CompletableFuture<>();
        /** Set, under the {@link #BUILDS} lock, once its worker is started. */
        volatile TrainingRun training;

        Build(CacheFile file, Consumer<String> diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }
    }
}

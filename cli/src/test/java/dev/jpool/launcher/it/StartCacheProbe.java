package dev.jpool.launcher.it;

import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.process.StartCache;
import dev.jpool.worker.Identity;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program that starts pools the way a user's does, run by {@link StartCacheIT} in a JVM of its
 * own whose classpath holds jar files only (the packaged jar and a jar of this class), since the
 * JDK archives classes from jars alone. It prints what it sees on stdout, one fact a line:
 * the arguments of each worker JVM of its pools, and whether the cache's training worker was
 * still running when the first pool's first result came.
 *
 * <p>{@code StartCacheProbe CACHE pools}: a first pool, a second one while the cache is built, the
 * wait for the build, a third pool. Diagnostics unset, so the reasons go to stderr.
 * {@code StartCacheProbe CACHE exit}: a first pool, then an exit as soon as the build's training
 * worker has started; prints its pid. {@code StartCacheProbe LOCKFILE hold}: holds a cache's lock,
 * as a JVM that builds it does, until its stdin ends.
 */
public final class StartCacheProbe {
    private static final Pattern TRAINING_PID = Pattern.compile("a training worker \\(pid (\\d+)\\)");

    private StartCacheProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[1].equals("hold")) { // as a JVM that builds the cache would: holds its lock until stdin ends
            try (FileChannel lock = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                System.out.println("locked");
                System.out.flush();
                System.in.readAllBytes();
            }
            return;
        }
        ProcessPoolOptions options = ProcessPoolOptions.workers(1).withCacheDirectory(Path.of(args[0]));
        if (args[1].equals("exit")) {
            CompletableFuture<String> trainingPid = new CompletableFuture<>();
            ProcessPool pool = new ProcessPool(options.withDiagnostics(line -> {
                System.err.println("jpool: " + line);
                Matcher pid = TRAINING_PID.matcher(line);
                if (pid.find()) {
                    trainingPid.complete(pid.group(1));
                }
            }));
            pool.apply(new Identity(), 1L);
            System.out.println("training pid: " + trainingPid.get(60, TimeUnit.SECONDS));
            System.out.flush();
            System.exit(0); // with the build under way: it ends with this JVM
        }
        try (ProcessPool first = new ProcessPool(options)) {
            first.apply(new Identity(), 1L);
            System.out.println("training alive at the first result: " + children().stream()
                    .anyMatch(p -> isTraining(p) && p.isAlive()));
            workers("first", List.of());
            try (ProcessPool second = new ProcessPool(options)) {
                second.apply(new Identity(), 2L);
            }
        }
        System.out.println("builds done: " + StartCache.awaitBuilds(Duration.ofMinutes(3)));
        List<ProcessHandle> before = children();
        try (ProcessPool third = new ProcessPool(options)) {
            third.apply(new Identity(), 3L);
            workers("third", before);
        }
    }

    private static List<ProcessHandle> children() {
        return ProcessHandle.current().children().toList();
    }

    private static String arguments(ProcessHandle process) {
        return String.join(" ", process.info().arguments().orElse(new String[] {"(unknown)"}));
    }

    private static boolean isTraining(ProcessHandle process) {
        String arguments = arguments(process);
        return arguments.contains("-XX:ArchiveClassesAtExit=") || arguments.contains("-XX:AOTCacheOutput=");
    }

    /** Prints the arguments of this JVM's worker JVMs, but for those in {@code before}. */
    private static void workers(String pool, List<ProcessHandle> before) {
        for (ProcessHandle child : children()) {
            if (!before.contains(child) && arguments(child).contains("dev.jpool.worker.WorkerMain") && !isTraining(child)) {
                System.out.println(pool + " pool's worker: " + arguments(child));
            }
        }
    }
}

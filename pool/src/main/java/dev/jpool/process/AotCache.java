package dev.jpool.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The JDK 25 successor of {@link ClassDataArchive} for worker JVMs: an AOT cache (JEP 483, 514,
 * 515), which holds what the class-data archive holds (classes parsed and verified) and also the
 * classes loaded and linked ahead of time and the method profiles of a training run, so a worker's
 * JIT starts from profiles instead of from nothing. Kept, checked and built as {@link StartCache}
 * says: by a training worker run with {@code -XX:AOTCacheOutput} on a few hundred small chunks (the
 * JVM assembles the cache as that worker exits). The JVM also checks a cache itself and starts
 * without one that does not match.
 *
 * <p>Used where the launcher runs on JDK 25 or newer ({@link #supported()}); before that the
 * options do not exist, and {@link ClassDataArchive} is used.
 */
public final class AotCache extends StartCache {
    /** 200 training chunks: enough for the path every chunk takes (the protocol, Jackson) to be profiled, a fraction of a second. */
    private static final Kind KIND = new Kind("AOT cache", "worker-aot-", ".aot", "-XX:AOTCache=", "-XX:AOTCacheOutput=",
            200, Duration.ofSeconds(180));

    /**
     * @param directory   where caches live (created if missing), the class-data archives' directory
     * @param diagnostics receives a line when a cache is built or cannot be used; null for this JVM's stderr
     */
    public AotCache(Path directory, Consumer<String> diagnostics) {
        super(directory, diagnostics, KIND);
    }

    /** Whether this JVM, and so its workers, take AOT caches with {@code -XX:AOTCacheOutput} (JDK 25+). */
    public static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * Which JDK runs the launcher (and so its workers) and what worker JVMs start from, for a
     * report: e.g. "Java 25.0.1, workers from an AOT cache".
     *
     * @param cacheOn whether the pool may use a start cache (false with {@code --no-cds})
     */
    public static String describeRuntime(boolean cacheOn) {
        return "Java " + System.getProperty("java.version") + ", workers from "
                + (!cacheOn ? "no start cache (--no-cds)" : supported() ? "an AOT cache" : "a class-data archive");
    }

    @Override
    String unsupported() {
        return supported() ? null : "JDK " + Runtime.version().feature() + " has no AOT cache (JDK 25 and newer have)";
    }
}

package dev.jpool.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An application class-data-sharing (AppCDS) archive for worker JVMs: the classes a worker loads
 * (Jackson, the protocol, the task), parsed and verified once and mapped into every later worker,
 * which roughly halves the time from spawn to hello. The start cache of JDK 17 to 24 (see
 * {@link StartCache}, which keeps, checks and builds it).
 *
 * <p>The archive is written by a training worker ({@code -XX:ArchiveClassesAtExit}) as it exits.
 * The JVM itself also rejects an archive that does not match, and carries on without.
 *
 * <p>Workers started as SLURM job steps ({@code --launcher srun}) get the same archive path. On
 * another node that path works where the cache is on a shared file system, as home directories
 * usually are; where it is not, or the jar differs there, the worker's JVM silently starts without
 * the archive, only more slowly.
 */
public final class ClassDataArchive extends StartCache {
    /** One training chunk: the classes a chunk's path loads (a dynamic archive holds classes, not profiles). */
    private static final Kind KIND = new Kind("class-data archive", "worker-", ".jsa", "-XX:SharedArchiveFile=",
            "-XX:ArchiveClassesAtExit=", 1, Duration.ofSeconds(120));

    /**
     * @param directory   where archives live (created if missing)
     * @param diagnostics receives a line when an archive is built or cannot be used; null for this JVM's stderr
     */
    public ClassDataArchive(Path directory, Consumer<String> diagnostics) {
        super(directory, diagnostics, KIND);
    }

    /** The default cache: {@code $JPOOL_CACHE}, else {@code $XDG_CACHE_HOME/jpool}, else {@code ~/.cache/jpool}. */
    public static Path defaultDirectory(Map<String, String> env) {
        String explicit = env.get("JPOOL_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "jpool");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "jpool");
    }

    @Override
    String unsupported() {
        String vm = System.getProperty("java.vm.name", "");
        return WorkerCommandLine.isHotSpot(vm) ? null
                : "this JVM (" + vm + ") has no -XX:ArchiveClassesAtExit, which is HotSpot's";
    }
}

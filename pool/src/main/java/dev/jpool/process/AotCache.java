package dev.jpool.process;

import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.Shutdown;
import dev.jpool.worker.Identity;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The JDK 25 successor of {@link ClassDataArchive} for worker JVMs: an AOT cache (JEP 483, 514,
 * 515), which holds what the class-data archive holds (classes parsed and verified) and also the
 * classes loaded and linked ahead of time and the method profiles of a training run, so a worker's
 * JIT starts from profiles instead of from nothing.
 *
 * <p>Built and checked the same careful way: once, by a training worker run with
 * {@code -XX:AOTCacheOutput} on a small pi chunk (the JVM assembles the cache as that worker exits),
 * written under a temporary name and moved into place whole, named after everything it depends on
 * (the java binary and version, each classpath entry's path, size and modification time, the
 * worker's JVM options), with a CRC32C beside it checked on every use: a damaged cache is rebuilt,
 * a failed build is marked and workers start without a cache. The JVM also checks a cache itself
 * and starts without one that does not match. The {@value #KEEP} most recently used caches stay
 * when one is built (and any used within the hour); older ones go.
 *
 * <p>Used where the launcher runs on JDK 25 or newer ({@link #supported()}); before that the
 * options do not exist, and {@link ClassDataArchive} is used.
 */
public final class AotCache {
    private static final String PREFIX = "worker-aot-";
    private static final String EXTENSION = ".aot";
    private static final long BUILD_TIMEOUT_SECONDS = 180;
    /** Worker caches kept when a new one is built, most recently used first. */
    static final int KEEP = 8;
    /** A cache used more recently than this is never pruned. */
    static final Duration IN_USE = Duration.ofHours(1);
    /** Darts of the training chunk: enough for the kernel's methods to be profiled, a fraction of a second. */
    private static final int TRAINING_CHUNKS = 200;

    private final Path directory;
    private final Consumer<String> diagnostics;

    /**
     * @param directory   where caches live (created if missing), the class-data archives' directory
     * @param diagnostics receives a line when a cache is built or cannot be used
     */
    public AotCache(Path directory, Consumer<String> diagnostics) {
        this.directory = directory;
        this.diagnostics = diagnostics;
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

    /** The command line with the cache added, built first if there is none yet; unchanged if none can be had. */
    public WorkerCommandLine apply(WorkerCommandLine commandLine) {
        return cacheFor(commandLine).map(path -> commandLine.withJvmOptions(List.of("-XX:AOTCache=" + path)))
                .orElse(commandLine);
    }

    /** The cache for this command line, built if missing or damaged; empty when none can be had. */
    public Optional<Path> cacheFor(WorkerCommandLine commandLine) {
        if (!supported()) {
            return Optional.empty();
        }
        List<Path> classpath = new ArrayList<>();
        for (String entry : commandLine.classpath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isRegularFile(path)) {
                return Optional.empty(); // AOT caches, like CDS archives, take jar files only
            }
            classpath.add(path);
        }
        try {
            Path cache = directory.resolve(PREFIX + key(commandLine, classpath) + EXTENSION);
            Path checksum = Path.of(cache + ".crc32c");
            Path failed = Path.of(cache + ".failed");
            if (intact(cache, checksum)) {
                markUsed(cache);
                return Optional.of(cache);
            }
            if (Files.isRegularFile(failed)) {
                return Optional.empty(); // tried for this very jar and JDK before; said why then
            }
            Files.createDirectories(directory);
            diagnostics.accept("building the worker AOT cache (once per jar and JDK): " + cache);
            try {
                build(commandLine, cache, checksum);
            } catch (IOException e) {
                Files.writeString(failed, e.getMessage() + "\n", StandardCharsets.UTF_8);
                throw e;
            }
            prune();
            return Optional.of(cache);
        } catch (IOException | RuntimeException e) {
            diagnostics.accept("workers start without an AOT cache: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void build(WorkerCommandLine commandLine, Path cache, Path checksum) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile(directory, "building-", EXTENSION);
        Path log = Files.createTempFile(directory, "building-", ".log");
        Files.delete(tmp); // the JVM writes it afresh
        try {
            // Here, never through a prefix such as srun: the cache goes to this machine's cache directory.
            List<String> command = commandLine.withPrefix(List.of())
                    .withJvmOptions(List.of("-XX:AOTCacheOutput=" + tmp)).command();
            Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (OutputStream stdin = training.getOutputStream()) {
                stdin.write(trainingInput().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It died before reading its input: its exit status and log below say why.
            }
            if (!training.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                throw new IOException("the training worker did not finish within " + BUILD_TIMEOUT_SECONDS + " s");
            }
            if (training.exitValue() != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                throw new IOException("the training worker " + ExitStatus.describe(training.exitValue())
                        + " without writing an AOT cache: " + lastLine(log));
            }
            Path crcTmp = Path.of(tmp + ".crc32c");
            Files.writeString(crcTmp, crc32c(tmp) + "\n", StandardCharsets.US_ASCII);
            move(tmp, cache);
            move(crcTmp, checksum);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Path.of(tmp + ".crc32c"));
            Files.deleteIfExists(Path.of(tmp + ".config")); // the JVM's own intermediate file, if it left it
            Files.deleteIfExists(log);
        }
    }

    /**
     * A few chunks of a task that does nothing and a shutdown: the classes every worker loads, loaded
     * and linked, and the profiles of the path every chunk takes (the protocol, Jackson), none of
     * any one task's.
     */
    private static String trainingInput() throws IOException {
        Protocol protocol = new Protocol();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= TRAINING_CHUNKS; i++) {
            lines.append(protocol.encode(new RunTask(Protocol.VERSION, i, Identity.class.getName(),
                    protocol.json(List.of(1L, 2L, 3L))))).append('\n');
        }
        return lines + protocol.encode(new Shutdown(Protocol.VERSION)) + "\n";
    }

    /**
     * Removes the worker caches (and their checksum and failure files) beyond the {@value #KEEP}
     * most recently used, except those used within {@link #IN_USE}. Quiet: the cache is a cache.
     */
    void prune() {
        List<Path> caches;
        try (Stream<Path> list = Files.list(directory)) {
            caches = list.filter(AotCache::isCacheOrFailure).toList();
        } catch (IOException e) {
            return;
        }
        List<Path> newestFirst = caches.stream().sorted(Comparator.comparing(AotCache::lastUsed).reversed()).toList();
        Instant inUse = Instant.now().minus(IN_USE);
        for (Path path : newestFirst.subList(Math.min(KEEP, newestFirst.size()), newestFirst.size())) {
            if (lastUsed(path).isBefore(inUse)) {
                String cache = path.toString().replaceFirst("\\.failed$", "");
                for (String suffix : List.of("", ".crc32c", ".failed")) {
                    try {
                        Files.deleteIfExists(Path.of(cache + suffix));
                    } catch (IOException e) {
                        // another user's file in a shared cache, say: leave it
                    }
                }
            }
        }
    }

    private static boolean isCacheOrFailure(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(PREFIX) && (name.endsWith(EXTENSION) || name.endsWith(EXTENSION + ".failed")
                && !Files.exists(Path.of(path.toString().replaceFirst("\\.failed$", ""))));
    }

    private static Instant lastUsed(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static void markUsed(Path cache) {
        try {
            Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a shared, read-only cache: still good, only pruned as if older
        }
    }

    /** Whether the cache exists and matches the checksum recorded when it was built. */
    static boolean intact(Path cache, Path checksum) {
        try {
            return Files.isRegularFile(cache) && Files.isRegularFile(checksum)
                    && Files.readString(checksum, StandardCharsets.US_ASCII).strip().equals(crc32c(cache));
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(WorkerCommandLine commandLine, List<Path> classpath) throws IOException {
        StringBuilder text = new StringBuilder("aot\n");
        text.append(commandLine.java()).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        text.append(commandLine.classpath()).append('\n');
        for (Path entry : classpath) {
            text.append(entry.toAbsolutePath()).append(' ').append(Files.size(entry)).append(' ')
                    .append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
        }
        commandLine.jvmOptions().forEach(option -> text.append(option).append('\n'));
        CRC32C crc = new CRC32C();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue() | 1L << 32).substring(1);
    }

    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return Long.toHexString(crc.getValue()) + " " + Files.size(file);
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "(no output)" : Protocol.cut(lines.get(lines.size() - 1));
    }
}

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An application class-data-sharing (AppCDS) archive for worker JVMs: the classes a worker loads
 * (Jackson, the protocol, the task), parsed and verified once and mapped into every later worker,
 * which roughly halves the time from spawn to hello.
 *
 * <p>The archive is built once by a training worker ({@code -XX:ArchiveClassesAtExit}) and kept in
 * a cache directory under a name derived from everything it depends on: the java binary and
 * version, each classpath entry's path, size and modification time, and the worker's JVM options.
 * A new jar or JDK therefore gets a new archive. Beside it a checksum file guards against a
 * truncated or corrupted file, which is rebuilt; if building fails, workers simply start without
 * an archive. The JVM itself also rejects an archive that does not match, and carries on without.
 *
 * <p>Since every rebuilt jar, and every set of worker JVM options, gets an archive of its own (some
 * 9 MB), building one also prunes the cache: the {@value #KEEP} most recently used worker archives
 * stay, and so does any used within the last hour (a pool elsewhere may still be starting workers
 * from it); older ones go. Each use marks an archive used by setting its modification time.
 *
 * <p>Workers started as SLURM job steps ({@code --launcher srun}) get the same archive path. On
 * another node that path works where the cache is on a shared file system, as home directories
 * usually are; where it is not, or the jar differs there, the worker's JVM silently starts without
 * the archive, only more slowly.
 */
public final class ClassDataArchive {
    private static final String EXTENSION = ".jsa";
    private static final long BUILD_TIMEOUT_SECONDS = 120;
    private static final String PREFIX = "worker-";
    /** Worker archives kept when a new one is built, most recently used first. */
    static final int KEEP = 8;
    /** An archive used more recently than this is never pruned. */
    static final Duration IN_USE = Duration.ofHours(1);

    private final Path directory;
    private final Consumer<String> diagnostics;

    /**
     * @param directory   where archives live (created if missing)
     * @param diagnostics receives a line when an archive is built or cannot be used
     */
    public ClassDataArchive(Path directory, Consumer<String> diagnostics) {
        this.directory = directory;
        this.diagnostics = diagnostics;
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

    /**
     * The command line with the archive added, building the archive first if there is none yet;
     * the command line unchanged if archives cannot be used with it (a directory on the classpath)
     * or the build failed.
     */
    public WorkerCommandLine apply(WorkerCommandLine commandLine) {
        Optional<Path> archive = archiveFor(commandLine);
        return archive.map(path -> commandLine.withJvmOptions(List.of("-XX:SharedArchiveFile=" + path)))
                .orElse(commandLine);
    }

    /** The archive for this command line, built if missing or damaged; empty when none can be had. */
    public Optional<Path> archiveFor(WorkerCommandLine commandLine) {
        List<Path> classpath = new ArrayList<>();
        for (String entry : commandLine.classpath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isRegularFile(path)) {
                return Optional.empty(); // CDS archives only jar files, not class directories
            }
            classpath.add(path);
        }
        try {
            Path archive = directory.resolve(PREFIX + key(commandLine, classpath) + EXTENSION);
            Path checksum = Path.of(archive + ".crc32c");
            Path failed = Path.of(archive + ".failed");
            if (intact(archive, checksum)) {
                markUsed(archive);
                return Optional.of(archive);
            }
            if (Files.isRegularFile(failed)) {
                return Optional.empty(); // tried for this very jar and JDK before; said why then
            }
            Files.createDirectories(directory);
            diagnostics.accept("building the worker class-data archive (once per jar and JDK): " + archive);
            try {
                build(commandLine, archive, checksum);
            } catch (IOException e) {
                Files.writeString(failed, e.getMessage() + "\n", StandardCharsets.UTF_8);
                throw e;
            }
            prune();
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            diagnostics.accept("workers start without a class-data archive: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Removes the worker archives (with their checksum and failure files) beyond the {@value #KEEP}
     * most recently used, except those used within {@link #IN_USE}. A worker JVM that has mapped a
     * removed archive keeps its mapping; nothing else reads it. Quiet: the cache is a cache.
     */
    void prune() {
        Map<Path, Instant> lastUsed = new HashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.forEach(file -> lastUsed.put(file, lastUsed(file)));
        } catch (IOException e) {
            return;
        }
        Instant now = Instant.now();
        // What a launcher killed mid-build left behind (a live build takes seconds, not a day).
        Instant abandoned = now.minus(Duration.ofDays(1));
        lastUsed.forEach((file, used) -> {
            if (file.getFileName().toString().startsWith("building-") && used.isBefore(abandoned)) {
                deleteQuietly(file);
            }
        });
        List<Path> archives = lastUsed.keySet().stream().filter(ClassDataArchive::isArchiveOrFailure)
                .sorted(Comparator.comparing(lastUsed::get).reversed())
                .toList();
        Instant inUse = now.minus(IN_USE);
        for (Path path : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
            if (lastUsed.get(path).isBefore(inUse)) {
                String archive = withoutFailedSuffix(path).toString();
                for (String suffix : List.of("", ".crc32c", ".failed")) {
                    deleteQuietly(Path.of(archive + suffix));
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // another user's file in a shared cache, say: leave it
        }
    }

    /** A worker archive, or the mark of one that could not be built (which has no archive beside it). */
    private static boolean isArchiveOrFailure(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(PREFIX) && (name.endsWith(EXTENSION)
                || name.endsWith(EXTENSION + ".failed") && !Files.exists(withoutFailedSuffix(path)));
    }

    private static Path withoutFailedSuffix(Path path) {
        return Path.of(path.toString().replaceFirst("\\.failed$", ""));
    }

    private static Instant lastUsed(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH; // gone already
        }
    }

    private static void markUsed(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a shared, read-only cache: the archive is still good, only pruned as if older
        }
    }

    /** Whether the archive exists and matches the checksum recorded when it was built. */
    static boolean intact(Path archive, Path checksum) {
        try {
            return Files.isRegularFile(archive) && Files.isRegularFile(checksum)
                    && Files.readString(checksum, StandardCharsets.US_ASCII).strip().equals(crc32c(archive));
        } catch (IOException e) {
            return false;
        }
    }

    private void build(WorkerCommandLine commandLine, Path archive, Path checksum)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempFile(directory, "building-", EXTENSION);
        Path log = Files.createTempFile(directory, "building-", ".log");
        Files.delete(tmp); // the JVM writes it afresh
        try {
            // The training worker runs here, never through a prefix such as srun: the archive is
            // written to this machine's cache, which job steps on other nodes read when it is shared.
            List<String> command = commandLine.withPrefix(List.of())
                    .withJvmOptions(List.of("-XX:ArchiveClassesAtExit=" + tmp)).command();
            Process training = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try (OutputStream stdin = training.getOutputStream()) {
                stdin.write(trainingInput().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It died before reading its input: its exit status and log below say why.
            }
            if (!training.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                throw new IOException("the training worker did not finish within " + BUILD_TIMEOUT_SECONDS + " s");
            }
            if (training.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                throw new IOException("the training worker " + ExitStatus.describe(training.exitValue())
                        + " without writing an archive: " + lastLine(log));
            }
            Path crcTmp = Path.of(tmp + ".crc32c");
            Files.writeString(crcTmp, crc32c(tmp) + "\n", StandardCharsets.US_ASCII);
            move(tmp, archive);
            move(crcTmp, checksum);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Path.of(tmp + ".crc32c"));
            Files.deleteIfExists(log);
        }
    }

    /**
     * A small chunk of a task that does nothing and a shutdown: the classes every worker loads
     * (start-up, the protocol, Jackson reading and writing a chunk), loaded and linked, and none of
     * any one task's.
     */
    private static String trainingInput() throws IOException {
        Protocol protocol = new Protocol();
        RunTask task = new RunTask(Protocol.VERSION, 1, Identity.class.getName(), protocol.json(List.of(1L, 2L, 3L)));
        return protocol.encode(task) + "\n" + protocol.encode(new Shutdown(Protocol.VERSION)) + "\n";
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(WorkerCommandLine commandLine, List<Path> classpath) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(commandLine.java()).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        // The classpath as given, too: the archive records it so, and a relative entry read from
        // another working directory (a batch job's, say) makes the JVM refuse the archive.
        text.append(commandLine.classpath()).append('\n');
        for (Path entry : classpath) {
            text.append(entry.toAbsolutePath()).append(' ').append(Files.size(entry)).append(' ')
                    .append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
        }
        commandLine.jvmOptions().forEach(option -> text.append(option).append('\n'));
        // A name, not a secret: CRC32C needs no security provider (SHA-256's first use costs a fresh
        // launcher some 15 ms before it can spawn a worker). Two command lines of one user sharing a
        // name (about one chance in four billion) would only cost one of them its archive: the JVM
        // checks an archive's classpath itself, says so on stderr, and starts without it.
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

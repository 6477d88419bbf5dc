package dev.jpool.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One start cache in the cache directory (a class-data archive or an AOT cache) and the files
 * beside it: {@code NAME.crc32c}, the CRC32C and size recorded when it was built and checked on
 * every use; {@code NAME.failed}, why its last build failed (not tried again within
 * {@link #RETRY_FAILED_BUILD}); {@code NAME.lock}, held while one JVM builds it, so that JVMs
 * starting pools at once build it once; and {@code building-NAME-*}, what a build writes before it
 * is moved into place whole. The file handling both kinds of cache share; what goes in one is
 * {@link StartCache}'s.
 */
final class CacheFile {
    /** A failed build is not tried again for this long (the same jar and JDK would most likely fail the same way). */
    static final Duration RETRY_FAILED_BUILD = Duration.ofHours(1);
    private static final String TEMPORARY = "building-";

    private final Path directory;
    private final Path path;

    CacheFile(Path directory, Path path) {
        this.directory = directory;
        this.path = path;
    }

    /**
     * The file for this command line: named {@code prefix} and a CRC32C of everything the cache
     * depends on (the java binary and version, the classpath as given, each entry's absolute path,
     * size and modification time, the worker's JVM options), then {@code extension}; a new jar,
     * JDK or option gets a file of its own.
     */
    static CacheFile of(Path directory, String prefix, String extension, WorkerCommandLine commandLine)
            throws IOException {
        StringBuilder text = new StringBuilder(extension).append('\n');
        text.append(commandLine.java()).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        // The classpath as given, too: the JVM records it so, and a relative entry read from another
        // working directory (a batch job's, say) makes the JVM refuse the cache.
        text.append(commandLine.classpath()).append('\n');
        for (String entry : commandLine.classpath().split(File.pathSeparator)) {
            Path file = Path.of(entry);
            text.append(file.toAbsolutePath()).append(' ').append(Files.size(file)).append(' ')
                    .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
        }
        commandLine.jvmOptions().forEach(option -> text.append(option).append('\n'));
        // A name, not a secret: CRC32C needs no security provider (SHA-256's first use costs a fresh
        // launcher some 15 ms before it can spawn a worker). Two command lines of one user sharing a
        // name (about one chance in four billion) would only cost one of them its cache: the JVM
        // checks a cache's classpath itself, says so on stderr, and starts without it.
        CRC32C crc = new CRC32C();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        String name = prefix + Long.toHexString(crc.getValue() | 1L << 32).substring(1) + extension;
        return new CacheFile(directory, directory.resolve(name));
    }

    Path path() {
        return path;
    }

    private Path beside(String suffix) {
        return Path.of(path + suffix);
    }

    /** Null if the directory and the cache's files are this user's alone, else why not (see {@link CachePermissions}). */
    String untrusted() {
        return Files.exists(directory) ? CachePermissions.untrusted(directory, path, beside(".crc32c")) : null;
    }

    /** Whether the cache exists and matches the checksum recorded when it was built. */
    boolean intact() {
        try {
            return Files.isRegularFile(path) && Files.isRegularFile(beside(".crc32c"))
                    && Files.readString(beside(".crc32c"), StandardCharsets.US_ASCII).strip().equals(crc32c(path));
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks the cache used now, for {@link CachePrune}: a shared, read-only cache stays good, only pruned as if older. */
    void markUsed() {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // read-only: see above
        }
    }

    /** The first line of why the last build failed, if it failed within {@link #RETRY_FAILED_BUILD}. */
    Optional<String> recentFailure() {
        Path failed = beside(".failed");
        try {
            if (Files.getLastModifiedTime(failed).toInstant().isAfter(Instant.now().minus(RETRY_FAILED_BUILD))) {
                return Optional.of(Files.readAllLines(failed).stream().findFirst().orElse("(no reason recorded)"));
            }
        } catch (IOException e) {
            // no mark, or none that can be read: try
        }
        return Optional.empty();
    }

    void markFailed(String why) {
        try {
            Files.writeString(beside(".failed"), why + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a read-only cache: nothing to remember the failure in; the reason itself has been said
        }
    }

    /** Creates the directory, private, if it is missing. */
    void createDirectory() throws IOException {
        CachePermissions.createPrivateDirectory(directory);
    }

    /**
     * Waits until no other JVM builds this cache (running {@code whileWaiting} first if one does),
     * then holds its lock, which ends with {@link #unlock} or with this JVM (the system drops a
     * process's locks however it ends). Null where the file system has no locks (some network file
     * systems): the build goes on unguarded, as every build did before there was a lock, and still
     * moves its file into place whole.
     */
    FileLock lock(Runnable whileWaiting) throws IOException {
        FileChannel channel = FileChannel.open(beside(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                whileWaiting.run();
                lock = channel.lock();
            }
            return lock;
        } catch (IOException e) {
            channel.close();
            return null;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Ends a build: removes the lock file, then lets it go. A JVM that opened the old file meanwhile
     * gets its lock and finds the cache built (or failed), as it checks again before it builds.
     */
    void unlock(FileLock lock) {
        removeLock();
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                // the lock goes with the channel either way
            }
        }
    }

    void removeLock() {
        deleteQuietly(beside(".lock"));
    }

    /** A fresh name for a build to write, beside the cache; what a build killed before its end left is removed. */
    Path newTemporary() throws IOException {
        for (Path left : temporaries()) {
            deleteQuietly(left); // this JVM holds the lock: no one else is writing them
        }
        String name = path.getFileName().toString();
        Path tmp = Files.createTempFile(directory, TEMPORARY + name + "-", name.substring(name.lastIndexOf('.')));
        Files.delete(tmp); // the JVM writes it afresh
        return tmp;
    }

    /** Moves what a build wrote into place whole, its checksum with it, and forgets an earlier failure. */
    void install(Path built) throws IOException {
        Path crc = Path.of(built + ".crc32c");
        Files.writeString(crc, crc32c(built) + "\n", StandardCharsets.US_ASCII);
        move(built, path);
        move(crc, beside(".crc32c"));
        deleteQuietly(beside(".failed"));
    }

    /** Removes what a build that did not finish wrote (with any intermediate file the JVM made beside it). */
    void removeTemporaries() {
        temporaries().forEach(CacheFile::deleteQuietly);
    }

    private List<Path> temporaries() {
        List<Path> found = new ArrayList<>();
        String start = TEMPORARY + path.getFileName() + "-";
        try (var files = Files.newDirectoryStream(directory, file -> file.getFileName().toString().startsWith(start))) {
            files.forEach(found::add);
        } catch (IOException e) {
            // nothing to remove
        }
        return found;
    }

    /** Removes the cache and every file beside it. */
    void delete() {
        for (String suffix : List.of("", ".crc32c", ".failed", ".lock")) {
            deleteQuietly(beside(suffix));
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // another user's file in a shared cache, say: leave it
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
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
}

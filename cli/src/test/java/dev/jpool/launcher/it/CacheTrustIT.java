package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.WorkerCommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class-data archive is mapped only from a cache that the user alone can write; a failed build is tried again later. */
class CacheTrustIT {
    private static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    private final List<String> diagnostics = new CopyOnWriteArrayList<>();

    private static WorkerCommandLine fromJar() {
        WorkerCommandLine self = WorkerCommandLine.ofThisJvm();
        return new WorkerCommandLine(self.java(), JAR.toString(), self.jvmOptions(), WorkerCommandLine.WORKER_MAIN);
    }

    private Optional<Path> archive(Path cache) {
        return new ClassDataArchive(cache, diagnostics::add).pathFor(fromJar());
    }

    @Test
    void aNewCacheIsTheUsersAlone() throws Exception {
        Path cache = dir.resolve("new/cache");
        assertTrue(archive(cache).isPresent(), diagnostics.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    }

    @Test
    void aCacheOthersCanWriteIsRefusedWithOneWarningAndNothingIsBuiltInIt() throws Exception {
        Path cache = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertFalse(archive(cache).isPresent());
        assertFalse(archive(cache).isPresent());
        assertEquals(1, diagnostics.size(), "warned once: " + diagnostics);
        assertTrue(diagnostics.get(0).contains("may be written by others (rwxrwxrwx); make it writable by you alone"),
                diagnostics.toString());
        try (var files = Files.list(cache)) {
            assertEquals(List.of(), files.toList(), "nothing built there");
        }
    }

    @Test
    void anArchiveOthersCanWriteIsRefused() throws Exception {
        Path cache = dir.resolve("cache");
        Path built = archive(cache).orElseThrow();
        Files.setPosixFilePermissions(built, PosixFilePermissions.fromString("rw-rw-rw-"));
        diagnostics.clear();
        assertFalse(archive(cache).isPresent(), "a swapped archive is not mapped");
        assertTrue(diagnostics.get(0).contains("cached file " + built + " may be written by others"), diagnostics.toString());
    }

    @Test
    void aCacheOfAnotherUserIsRefused() throws Exception {
        Path cache = Files.createDirectory(dir.resolve("theirs"));
        try {
            Files.setAttribute(cache, "unix:uid", 65534); // nobody's; only root may give a file away
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("skipped: this user cannot make a directory another user's (" + e.getMessage() + ")");
            return;
        }
        assertFalse(archive(cache).isPresent());
        assertTrue(diagnostics.get(0).contains("belongs to another user (uid 65534"), diagnostics.toString());
    }

    @Test
    void theJpoolScriptRefusesALauncherCacheOthersCanWrite() throws Exception {
        Path script = JAR.getParent().getParent().getParent().resolve("jpool");
        Path cache = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Command r = Command.run(Path.of("").toAbsolutePath(), java.util.Map.of("JPOOL_CACHE", cache.toString()),
                Duration.ofSeconds(120), script.toString(), "--version");
        assertEquals(0, r.exit(), r.toString());
        // the script runs this JVM's java (PATH and JAVA_HOME alike): JDK 25 and newer use an AOT cache
        String what = Runtime.version().feature() >= 25 ? "AOT cache" : "class-data archive";
        assertTrue(r.err().contains("jpool: starting without the launcher " + what + ": " + cache
                + " may be written by others"), r.toString());
        try (var files = Files.list(cache)) {
            assertEquals(List.of(), files.toList(), "nothing built there");
        }
        Path fresh = dir.resolve("fresh/cache");
        Command built = Command.run(Path.of("").toAbsolutePath(), java.util.Map.of("JPOOL_CACHE", fresh.toString()),
                Duration.ofSeconds(120), script.toString(), "--version");
        assertEquals(0, built.exit(), built.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void aFailedBuildIsTriedAgainAfterAnHourNotRememberedForEver() throws Exception {
        Path cache = dir.resolve("cache");
        Path built = archive(cache).orElseThrow();
        Files.delete(built);
        Files.delete(Path.of(built + ".crc32c"));
        Path failed = Path.of(built + ".failed");
        Files.writeString(failed, "the training worker was killed by signal 9 SIGKILL\n");
        assertFalse(archive(cache).isPresent(), "a failure within the hour is not tried again at once");
        Files.setLastModifiedTime(failed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        assertEquals(Optional.of(built), archive(cache), "tried again, and built: " + diagnostics);
        assertFalse(Files.exists(failed), "the old failure is forgotten");
    }
}

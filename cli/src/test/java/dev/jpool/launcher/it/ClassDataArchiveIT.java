package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.pi.MonteCarloPi;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiKernels;
import dev.jpool.pi.PiTask;
import dev.jpool.pi.PiWorkers;
import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.process.WorkerProcess;
import dev.jpool.protocol.Protocol;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker class-data archive, built from the packaged jar into a cache of the test's own. */
class ClassDataArchiveIT {
    private static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar")).toAbsolutePath();

    @TempDir
    Path cache;

    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final List<String> workerStderr = new CopyOnWriteArrayList<>();

    private static WorkerCommandLine fromJar() {
        WorkerCommandLine self = WorkerCommandLine.ofThisJvm();
        return new WorkerCommandLine(self.java(), JAR.toString(), self.jvmOptions(), WorkerCommandLine.WORKER_MAIN);
    }

    /** Hits of one pi chunk computed by a worker started with this command line. */
    private long hits(WorkerCommandLine commandLine) throws Exception {
        return count(commandLine).hits();
    }

    /** One pi chunk (seed 3, 1,234,567 samples) counted by a worker started with this command line. */
    private PiCount count(WorkerCommandLine commandLine) throws Exception {
        Protocol protocol = new Protocol();
        try (WorkerProcess worker = WorkerProcess.start(0, commandLine, protocol, workerStderr::add)) {
            PiChunk chunk = new PiChunk(3, 1_234_567, 0, 19);
            var reply = worker.submit(PiTask.class.getName(), protocol.json(List.of(chunk))).get(60, TimeUnit.SECONDS);
            worker.shutdown().get(60, TimeUnit.SECONDS);
            return protocol.payload(reply.result().outputs(), PiCount[].class)[0];
        }
    }

    @Test
    void workersWithAndWithoutTheArchiveGiveTheSameResult() throws Exception {
        WorkerCommandLine plain = fromJar();
        WorkerCommandLine archived = new ClassDataArchive(cache, diagnostics::add).apply(plain);
        assertNotEquals(plain, archived, "an archive was built: " + diagnostics);
        assertTrue(archived.jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=" + cache)));
        assertEquals(hits(plain), hits(archived));
        assertEquals(List.of(), workerStderr, "the JVM accepted the archive without a warning");
    }

    @Test
    void archivedVectorWorkersCountWhatTheScalarKernelCounts() throws Exception {
        WorkerCommandLine plain = fromJar().withJvmOptions(PiWorkers.jvmOptions());
        assertTrue(plain.jvmOptions().contains(PiWorkers.VECTOR_MODULE_OPTION), plain.toString());
        WorkerCommandLine archived = new ClassDataArchive(cache, diagnostics::add).apply(plain);
        WorkerCommandLine scalarArchived = new ClassDataArchive(cache, diagnostics::add)
                .apply(plain.withoutJvmOption(PiWorkers.VECTOR_MODULE_OPTION));
        assertNotEquals(archived, scalarArchived, "a module changes the archive");
        long expected = PiKernels.scalar().hits(3, 1_234_567, 0, MonteCarloPi.blocks(1_234_567));
        PiCount vector = count(archived);
        PiCount scalar = count(scalarArchived);
        assertTrue(vector.kernel().startsWith("vector-"), vector.kernel());
        assertEquals("scalar", scalar.kernel());
        assertEquals(expected, vector.hits());
        assertEquals(expected, scalar.hits());
        assertEquals(List.of(), workerStderr, "no warning: not the archive's, not the incubator module's");
    }

    @Test
    void aChangedJarGetsAnArchiveOfItsOwn() throws Exception {
        Path jar = cache.resolve("copy-of-jpool.jar");
        Files.copy(JAR, jar);
        WorkerCommandLine copy = new WorkerCommandLine(fromJar().java(), jar.toString(), fromJar().jvmOptions(),
                WorkerCommandLine.WORKER_MAIN);
        ClassDataArchive archive = new ClassDataArchive(cache, diagnostics::add);
        Path first = archive.pathFor(copy).orElseThrow();
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Path second = archive.pathFor(copy).orElseThrow();
        assertNotEquals(first, second, "a rebuilt jar must not map the old jar's archive");
        assertEquals(hits(fromJar()), hits(archive.apply(copy)));
        assertEquals(List.of(), workerStderr);
    }

    @Test
    void anArchiveIsBuiltOnceAndReused() {
        ClassDataArchive archive = new ClassDataArchive(cache, diagnostics::add);
        Path first = archive.pathFor(fromJar()).orElseThrow();
        Path second = archive.pathFor(fromJar()).orElseThrow();
        assertEquals(first, second);
        assertEquals(1, diagnostics.stream().filter(d -> d.startsWith("building")).count(), diagnostics.toString());
    }

    @Test
    void aCorruptArchiveIsDetectedAndRebuilt() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(cache, diagnostics::add);
        Path path = archive.pathFor(fromJar()).orElseThrow();
        path.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write("corrupted by a test".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path rebuilt = archive.pathFor(fromJar()).orElseThrow();
        assertEquals(path, rebuilt);
        assertEquals(2, diagnostics.stream().filter(d -> d.startsWith("building")).count(), diagnostics.toString());
        assertEquals(hits(fromJar()), hits(archive.apply(fromJar())));
        assertEquals(List.of(), workerStderr);
    }

    @Test
    void aTruncatedArchiveIsRebuiltToo() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(cache, diagnostics::add);
        Path path = archive.pathFor(fromJar()).orElseThrow();
        path.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(4096);
        }
        assertTrue(archive.pathFor(fromJar()).isPresent());
        assertTrue(Files.size(path) > 4096);
    }

    @Test
    void aRelativeAndAnAbsoluteClasspathGetArchivesOfTheirOwn() throws Exception {
        // The JVM records the classpath as given; read from another working directory (a SLURM
        // job's), an archive built for a relative path is refused, so it must not be shared.
        Path relative = Path.of("").toAbsolutePath().relativize(JAR);
        WorkerCommandLine fromRelative = new WorkerCommandLine(fromJar().java(), relative.toString(),
                fromJar().jvmOptions(), WorkerCommandLine.WORKER_MAIN);
        ClassDataArchive archive = new ClassDataArchive(cache, diagnostics::add);
        Path forRelative = archive.pathFor(fromRelative).orElseThrow();
        Path forAbsolute = archive.pathFor(fromJar()).orElseThrow();
        assertNotEquals(forRelative, forAbsolute);
        assertEquals(hits(fromJar()), hits(archive.apply(fromJar())));
        assertEquals(List.of(), workerStderr, "the JVM accepted the archive without a warning");
    }

    @Test
    void aClasspathWithADirectoryGetsNoArchive() {
        WorkerCommandLine withDirectory = new WorkerCommandLine(fromJar().java(), JAR + ":" + cache,
                fromJar().jvmOptions(), WorkerCommandLine.WORKER_MAIN);
        assertFalse(new ClassDataArchive(cache, diagnostics::add).pathFor(withDirectory).isPresent());
    }

    @Test
    void buildingAnArchivePrunesTheLeastRecentlyUsedOnes() throws Exception {
        Instant now = Instant.now();
        for (int day = 2; day <= 11; day++) { // archives of earlier jar builds, last used 2 to 11 days ago
            Path old = cache.resolve("worker-old" + day + ".jsa");
            Files.writeString(old, "an earlier build's archive");
            Files.writeString(Path.of(old + ".crc32c"), "0 26\n");
            Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(day))));
        }
        Path failed = cache.resolve("worker-broken.jsa.failed");
        Files.writeString(failed, "the training worker exited with 1\n");
        Files.setLastModifiedTime(failed, FileTime.from(now.minus(Duration.ofDays(9))));
        Path recent = cache.resolve("worker-recent.jsa");
        Files.writeString(recent, "used yesterday");
        Files.setLastModifiedTime(recent, FileTime.from(now.minus(Duration.ofDays(1))));
        Path launcher = cache.resolve("launcher-static-1.jsa"); // the ./jpool wrapper's, not ours to prune
        Files.writeString(launcher, "launcher");
        Files.setLastModifiedTime(launcher, FileTime.from(now.minus(Duration.ofDays(30))));

        Path built = new ClassDataArchive(cache, diagnostics::add).pathFor(fromJar()).orElseThrow();

        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(Stream.of(built.getFileName().toString(), built.getFileName() + ".crc32c", "launcher-static-1.jsa",
                            "worker-recent.jsa", "worker-old2.jsa", "worker-old2.jsa.crc32c", "worker-old3.jsa",
                            "worker-old3.jsa.crc32c", "worker-old4.jsa", "worker-old4.jsa.crc32c", "worker-old5.jsa",
                            "worker-old5.jsa.crc32c", "worker-old6.jsa", "worker-old6.jsa.crc32c", "worker-old7.jsa",
                            "worker-old7.jsa.crc32c").sorted().toList(),
                    files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "kept: the eight most recently used worker archives (the new one, yesterday's, those 2 to 7"
                            + " days old); gone: the older ones with their checksums, and an old failure mark");
        }
        assertEquals(hits(fromJar()), hits(new ClassDataArchive(cache, diagnostics::add).apply(fromJar())));
        assertEquals(List.of(), workerStderr);
    }

    @Test
    void archivesUsedWithinTheHourAreKeptHoweverMany() throws Exception {
        List<String> inUse = new java.util.ArrayList<>();
        for (int minutes = 5; minutes <= 50; minutes += 5) { // pools elsewhere may be starting workers from these
            Path archive = cache.resolve("worker-used-" + minutes + "-minutes-ago.jsa");
            Files.writeString(archive, "in use");
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minus(Duration.ofMinutes(minutes))));
            inUse.add(archive.getFileName().toString());
        }
        Path built = new ClassDataArchive(cache, diagnostics::add).pathFor(fromJar()).orElseThrow();
        try (Stream<Path> files = Files.list(cache)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.containsAll(inUse) && names.contains(built.getFileName().toString()), names.toString());
        }
    }

    @Test
    void usingAnArchiveMarksItUsed() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(cache, diagnostics::add);
        Path path = archive.pathFor(fromJar()).orElseThrow();
        Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
        Files.setLastModifiedTime(path, FileTime.from(weekAgo));
        assertEquals(path, archive.pathFor(fromJar()).orElseThrow());
        assertTrue(Files.getLastModifiedTime(path).toInstant().isAfter(weekAgo.plus(Duration.ofDays(6))),
                "used now: " + Files.getLastModifiedTime(path));
    }
}

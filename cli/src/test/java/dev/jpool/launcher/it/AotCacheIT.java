package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jpool.process.AotCache;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.process.WorkerProcess;
import dev.jpool.pi.MonteCarloPi;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiKernels;
import dev.jpool.pi.PiTask;
import dev.jpool.protocol.Protocol;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker AOT cache of JDK 25 and newer, built from the packaged jar into a cache of the test's
 * own. On an older JDK (the options do not exist) every test is skipped, saying so.
 */
class AotCacheIT {
    private static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar")).toAbsolutePath();

    @TempDir
    Path cache;

    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final List<String> workerStderr = new CopyOnWriteArrayList<>();

    @BeforeEach
    void onJdk25() {
        assumeTrue(AotCache.supported(), "skipped: AOT caches (-XX:AOTCacheOutput) need JDK 25 or newer; this is "
                + System.getProperty("java.version"));
    }

    private static WorkerCommandLine fromJar() {
        WorkerCommandLine self = WorkerCommandLine.ofThisJvm();
        return new WorkerCommandLine(self.java(), JAR.toString(), self.jvmOptions(), WorkerCommandLine.WORKER_MAIN);
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
    void workersFromTheCacheCountWhatTheScalarKernelCounts() throws Exception {
        WorkerCommandLine plain = fromJar();
        WorkerCommandLine cached = new AotCache(cache, diagnostics::add).apply(plain);
        assertNotEquals(plain, cached, "a cache was built: " + diagnostics);
        assertTrue(cached.jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:AOTCache=" + cache)), cached.toString());
        long expected = PiKernels.scalar().hits(3, 1_234_567, 0, MonteCarloPi.blocks(1_234_567));
        PiCount count = count(cached);
        assertEquals(expected, count.hits());
        assertEquals(expected, count(plain).hits());
        assertEquals(List.of(), workerStderr, "the JVM took the cache without a word");
    }

    @Test
    void aCacheIsBuiltOnceAndReused() {
        AotCache aot = new AotCache(cache, diagnostics::add);
        Path first = aot.pathFor(fromJar()).orElseThrow();
        Path second = aot.pathFor(fromJar()).orElseThrow();
        assertEquals(first, second);
        assertEquals(1, diagnostics.stream().filter(d -> d.startsWith("building")).count(), diagnostics.toString());
        try (var files = Files.list(cache)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("building-"))
                    .toList(), "no temporary file left behind");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCorruptCacheIsDetectedAndRebuilt() throws Exception {
        AotCache aot = new AotCache(cache, diagnostics::add);
        Path path = aot.pathFor(fromJar()).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0xFF);
        }
        WorkerCommandLine rebuilt = aot.apply(fromJar());
        assertEquals(2, diagnostics.stream().filter(d -> d.startsWith("building")).count(), diagnostics.toString());
        assertEquals(PiKernels.scalar().hits(3, 1_234_567, 0, MonteCarloPi.blocks(1_234_567)), count(rebuilt).hits());
        assertEquals(List.of(), workerStderr);
    }

    @Test
    void aFailedBuildIsMarkedAndWorkersStartWithoutACache() {
        WorkerCommandLine broken = fromJar().withMainClass("dev.jpool.NoSuchMain");
        AotCache aot = new AotCache(cache, diagnostics::add);
        assertEquals(broken, aot.apply(broken), "no cache option when the build failed");
        assertEquals(broken, aot.apply(broken), "and no second try for the same command line");
        assertEquals(1, diagnostics.stream().filter(d -> d.startsWith("building")).count(), diagnostics.toString());
        assertTrue(diagnostics.stream().anyMatch(d -> d.startsWith("workers start without an AOT cache")), diagnostics.toString());
    }
}

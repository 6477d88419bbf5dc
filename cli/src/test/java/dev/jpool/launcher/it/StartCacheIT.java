package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.process.AotCache;
import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.StartCache;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.worker.Identity;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pool does not wait for its start cache (the class-data archive, the AOT cache on JDK 25): the
 * first one's workers start without it while it is built in the background, later ones use it; a
 * build that is killed leaves nothing and is tried again; a reason is said once, not per pool.
 */
class StartCacheIT {
    private static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar")).toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String USE_OPTION = AotCache.supported() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    private static final Pattern TRAINING_PID = Pattern.compile("a training worker \\(pid (\\d+)\\)");

    @TempDir
    Path dir;

    /** Runs {@link StartCacheProbe} in a JVM whose classpath is the packaged jar and a jar of the probe. */
    private Command probe(Path cache, String mode) throws Exception {
        return Command.run(dir, java.util.Map.of(), Duration.ofMinutes(4), JAVA, "-cp",
                JAR + File.pathSeparator + probeJar(), StartCacheProbe.class.getName(), cache.toString(), mode);
    }

    /** A jar of {@link StartCacheProbe}: a classpath of jar files only, which the JDK can archive. */
    private Path probeJar() throws Exception {
        Path probeJar = dir.resolve("probe.jar");
        if (!Files.exists(probeJar)) {
            Path classes = Path.of(StartCacheProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = StartCacheProbe.class.getName().replace('.', '/');
            try (OutputStream out = Files.newOutputStream(probeJar); JarOutputStream jar = new JarOutputStream(out);
                 Stream<Path> files = Files.list(classes.resolve(name).getParent())) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("StartCacheProbe")).toList()) {
                    jar.putNextEntry(new JarEntry(name.substring(0, name.lastIndexOf('/') + 1) + file.getFileName()));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
        }
        return probeJar;
    }

    private static List<String> lines(String text, String start) {
        return text.lines().filter(line -> line.startsWith(start)).toList();
    }

    private static List<String> files(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFirstPoolStartsWithoutTheCacheWhileItIsBuiltAndTheNextOneStartsFromIt() throws Exception {
        Path cache = dir.resolve("cache");
        Command r = probe(cache, "pools");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("training alive at the first result: true"), lines(r.out(), "training alive"),
                "the first pool's first result came while the cache was still being built: " + r);
        List<String> first = lines(r.out(), "first pool's worker: ");
        assertEquals(1, first.size(), r.toString());
        assertFalse(first.get(0).contains(USE_OPTION), r.toString());
        assertEquals(List.of("builds done: true"), lines(r.out(), "builds done"), r.toString());
        List<String> third = lines(r.out(), "third pool's worker: ");
        assertEquals(1, third.size(), r.toString());
        assertTrue(third.get(0).contains(USE_OPTION + cache), "a later pool's worker starts from the cache: " + r);
        assertEquals(1, lines(r.err(), "jpool: workers start without").size(),
                "said once on stderr (no diagnostics set) for the two pools that started without it: " + r);
        assertTrue(r.err().contains(" until it is built; a training worker (pid "), r.toString());
    }

    @Test
    void aBuildEndsWithItsJvmLeavingNoFileAndTheNextJvmBuildsItAgain() throws Exception {
        Path cache = dir.resolve("cache");
        Command exit = probe(cache, "exit");
        assertEquals(0, exit.exit(), exit.toString());
        long pid = Long.parseLong(lines(exit.out(), "training pid: ").get(0).substring("training pid: ".length()));
        Optional<ProcessHandle> training = ProcessHandle.of(pid);
        if (training.isPresent()) { // the training worker ends with its JVM
            training.get().onExit().get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), files(cache), "no cache, no temporary file, no lock, no failure mark: " + exit);

        Command again = probe(cache, "pools");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(lines(again.out(), "third pool's worker: ").get(0).contains(USE_OPTION + cache), again.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"class-data archive", "AOT cache"})
    void aKilledTrainingWorkerLeavesNoFileAndTheNextPoolBuildsAgain(String kind) throws Exception {
        if (kind.equals("AOT cache")) {
            assumeTrue(AotCache.supported(), "skipped: AOT caches need JDK 25 or newer; this is "
                    + System.getProperty("java.version"));
        }
        Path cache = dir.resolve("cache");
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> trainingPid = new CompletableFuture<>();
        StartCache start = kind.equals("AOT cache") ? new AotCache(cache, line -> hear(line, diagnostics, trainingPid))
                : new ClassDataArchive(cache, line -> hear(line, diagnostics, trainingPid));
        WorkerCommandLine plain = fromJar();
        assertEquals(plain, start.applyIfReady(plain), "none yet: the command line as it was");
        ProcessHandle training = ProcessHandle.of(trainingPid.get(60, TimeUnit.SECONDS)).orElseThrow();
        training.destroyForcibly();
        assertTrue(StartCache.awaitBuilds(Duration.ofSeconds(60)), diagnostics.toString());
        assertEquals(List.of(), files(cache), "no cache, no temporary file, no lock, no failure mark: " + diagnostics);
        assertTrue(diagnostics.stream().anyMatch(d -> d.contains("was killed by signal 9")), diagnostics.toString());

        assertTrue(start.pathFor(plain).isPresent(), "built on the next try, not marked failed: " + diagnostics);
        assertTrue(start.applyIfReady(plain).jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:")
                && o.contains("=" + cache)), diagnostics.toString());
    }

    @Test
    void aBuildUnderWayInAnotherJvmIsWaitedForAndNotDoneAgain() throws Exception {
        // The same command line's archive has the same name in every cache directory.
        Path elsewhere = dir.resolve("elsewhere");
        Path built = new ClassDataArchive(elsewhere, line -> { }).pathFor(fromJar()).orElseThrow();
        Path cache = Files.createDirectory(dir.resolve("cache"));
        Path archive = cache.resolve(built.getFileName());
        Process holder = new ProcessBuilder(JAVA, "-cp", JAR + File.pathSeparator + probeJar(),
                StartCacheProbe.class.getName(), archive + ".lock", "hold").redirectErrorStream(true).start();
        try {
            assertEquals("locked", new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine());
            List<String> diagnostics = new CopyOnWriteArrayList<>();
            CompletableFuture<String> waiting = new CompletableFuture<>();
            StartCache start = new ClassDataArchive(cache, line -> {
                diagnostics.add(line);
                if (line.contains("another JVM is building it")) {
                    waiting.complete(line);
                }
            });
            assertEquals(fromJar(), start.applyIfReady(fromJar()));
            assertTrue(waiting.get(60, TimeUnit.SECONDS).endsWith(": " + archive), diagnostics.toString());
            assertEquals(List.of(archive.getFileName() + ".lock"), files(cache), "this JVM builds nothing meanwhile");
            // The other JVM's build, done: this one's finds it when it gets the lock.
            Files.copy(built, archive);
            Files.copy(Path.of(built + ".crc32c"), Path.of(archive + ".crc32c"));
            holder.getOutputStream().close();
            assertTrue(StartCache.awaitBuilds(Duration.ofSeconds(60)), diagnostics.toString());
            assertFalse(diagnostics.stream().anyMatch(d -> d.contains("training worker")), diagnostics.toString());
            assertTrue(start.applyIfReady(fromJar()).jvmOptions().contains("-XX:SharedArchiveFile=" + archive));
        } finally {
            holder.destroyForcibly();
        }
    }

    /** A build takes seconds (a training JVM): waiting for it past the quiet bound is said, once, to its cache's listener. */
    @Test
    void aLongWaitForABuildIsSaidOnceThroughTheCachesDiagnostics() throws Exception {
        Path cache = dir.resolve("cache");
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> trainingPid = new CompletableFuture<>();
        StartCache start = StartCache.forThisJdk(cache, line -> hear(line, diagnostics, trainingPid));
        assertEquals(fromJar(), start.applyIfReady(fromJar()), "none yet: built in the background");
        trainingPid.get(60, TimeUnit.SECONDS);
        assertTrue(StartCache.awaitBuilds(Duration.ofMillis(1), "still building", Duration.ofSeconds(120)),
                diagnostics.toString());
        assertEquals(1, diagnostics.stream().filter("still building"::equals).count(), diagnostics.toString());
        assertTrue(start.applyIfReady(fromJar()).jvmOptions().stream().anyMatch(o -> o.startsWith(USE_OPTION + cache)),
                "built: " + diagnostics);

        diagnostics.clear();
        assertTrue(StartCache.awaitBuilds(Duration.ofMillis(1), "still building", Duration.ofSeconds(1)));
        assertEquals(List.of(), diagnostics, "nothing under way, nothing said");
    }

    @Test
    void aReasonIsSaidOnceForManyPools() throws Exception {
        // This JVM's classpath has class directories (target/classes): no archive, and a reason,
        // here naming a directory of this test's own, so that no other test has said it before.
        Path classes = Files.createDirectory(dir.resolve("classes"));
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        ProcessPoolOptions options = ProcessPoolOptions.workers(1).withClasspath(classes)
                .withCacheDirectory(dir.resolve("cache")).withDiagnostics(diagnostics::add);
        for (long i = 0; i < 2; i++) {
            try (ProcessPool pool = new ProcessPool(options)) {
                assertEquals(i, pool.apply(new Identity(), i));
            }
        }
        assertEquals(1, diagnostics.stream().filter(d -> d.contains(classes.toString())).count(), diagnostics.toString());
        assertTrue(diagnostics.get(0).startsWith("workers start without "), diagnostics.toString());
        assertTrue(diagnostics.get(0).contains("the JDK archives classes from jar files only"), diagnostics.toString());
    }

    private static void hear(String line, List<String> diagnostics, CompletableFuture<Long> trainingPid) {
        diagnostics.add(line);
        Matcher pid = TRAINING_PID.matcher(line);
        if (pid.find()) {
            trainingPid.complete(Long.parseLong(pid.group(1)));
        }
    }

    private static WorkerCommandLine fromJar() {
        WorkerCommandLine self = WorkerCommandLine.ofThisJvm();
        return new WorkerCommandLine(self.java(), JAR.toString(), self.jvmOptions(), WorkerCommandLine.WORKER_MAIN);
    }
}

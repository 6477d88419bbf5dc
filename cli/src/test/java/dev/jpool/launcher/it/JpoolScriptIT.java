package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jpool} script at the repository root: the launcher with the Vector API module (so all
 * modes run the same kernel) and a class-data archive of its own, built once into the cache.
 */
class JpoolScriptIT {
    private static final Path SCRIPT = Path.of(System.getProperty("jpool.jar", "target/jpool.jar"))
            .toAbsolutePath().getParent().getParent().getParent().resolve("jpool");
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path cache;

    private Command run(String... args) throws Exception {
        assertTrue(Files.isExecutable(SCRIPT), "the script is there and executable: " + SCRIPT);
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(Arrays.asList(args));
        return Command.run(Path.of("").toAbsolutePath(), Map.of("JPOOL_CACHE", cache.toString()), Duration.ofSeconds(120),
                command.toArray(String[]::new));
    }

    private List<Path> launcherArchives() throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith("launcher-")).toList();
        }
    }

    @Test
    void everyModeRunsTheVectorKernelSoCompareIsLikeForLike() throws Exception {
        Command r = run("compare", "--samples", "2e6", "--workers", "2", "--repeat", "1", "--format", "json", "-q");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("kernel").asText().startsWith("vector-"), r.out());
        json.get("rows").forEach(row -> assertEquals(json.get("kernel"), row.get("kernel"), row.toString()));
        assertEquals(List.of(INCUBATOR_WARNING), r.err().lines().filter(line -> !line.startsWith("jpool: building"))
                .toList(), "the JVM's own notice of the module, once, and nothing else");
    }

    /** The JVM the script runs (this one's, through JAVA_HOME) takes an AOT cache from JDK 25, else a class-data archive. */
    private static final boolean AOT = Runtime.version().feature() >= 25;
    private static final String BUILDING = "jpool: building the launcher " + (AOT ? "AOT cache" : "class-data archive");

    @Test
    void theLauncherArchiveIsBuiltOnceThenMapped() throws Exception {
        Command first = run("pi", "--samples", "1e6", "--mode", "thread", "--workers", "2");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains(BUILDING), first.err());
        assertTrue(first.out().contains("vector-"), "threads ran the vector kernel: " + first.out());
        List<Path> archives = launcherArchives();
        assertEquals(1, archives.size(), archives.toString());

        // A long run, looked at once it is under way: the launcher JVM has the archive mapped.
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "pi", "--samples", "1e13", "--mode", "thread",
                "--workers", "1").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JPOOL_CACHE", cache.toString());
        Process launcher = builder.start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(launcher.getErrorStream(),
                StandardCharsets.UTF_8))) {
            CompletableFuture<List<String>> underWay = CompletableFuture.supplyAsync(() -> {
                List<String> seen = new ArrayList<>();
                try {
                    for (String line; (line = err.readLine()) != null; ) {
                        seen.add(line);
                        if (line.startsWith("jpool: thread mode")) {
                            return seen;
                        }
                    }
                } catch (java.io.IOException e) {
                    seen.add(e.toString());
                }
                return seen;
            });
            List<String> seen = underWay.get(60, TimeUnit.SECONDS);
            assertFalse(seen.stream().anyMatch(line -> line.contains("building")), seen.toString());
            String maps = Files.readString(Path.of("/proc", Long.toString(launcher.pid()), "maps"));
            assertTrue(maps.contains(archives.get(0).toString()), "the launcher maps " + archives.get(0));
        } finally {
            launcher.destroy();
            assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void buildingALauncherArchivePrunesOldOnesButNotThoseOfTheLastHour() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        List<String> kept = new ArrayList<>();
        List<String> pruned = new ArrayList<>();
        for (int minutes : new int[] {10, 20, 30, 40, 2 * 1440, 3 * 1440, 4 * 1440, 5 * 1440}) {
            // earlier jar builds' archives (or AOT caches)
            String name = AOT ? "launcher-aot-" + minutes + ".aot" : "launcher-static-" + minutes + ".jsa";
            Files.writeString(cache.resolve(name), "an earlier build's archive");
            Files.setLastModifiedTime(cache.resolve(name),
                    java.nio.file.attribute.FileTime.from(now.minus(Duration.ofMinutes(minutes))));
            (minutes < 60 ? kept : pruned).add(name);
        }
        Command r = run("pi", "--samples", "1e6", "--mode", "thread", "--workers", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(BUILDING), r.err());
        List<String> names = launcherArchives().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(kept.size() + 1, names.size(), "the new archive and those built within the hour: " + names);
        assertTrue(names.containsAll(kept), names.toString());
        assertFalse(names.stream().anyMatch(pruned::contains), names.toString());
    }

    @Test
    void aUsageErrorThroughTheScriptIsStillOneLineAndExitTwo() throws Exception {
        Command r = run("pi", "--samples", "1e30");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        List<String> lines = r.err().lines()
                .filter(line -> !line.equals(INCUBATOR_WARNING) && !line.startsWith("jpool: building")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains("'1e30' is more than the largest sample count"), r.err());
    }
}

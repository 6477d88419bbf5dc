package dev.jpool.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector kernel counts exactly what the scalar kernel counts, for any seed and size, on any
 * vector width; and a JVM without the Vector API module never touches it. This test JVM runs with
 * {@code --add-modules jdk.incubator.vector} (see pi/pom.xml); the child JVMs show the other widths.
 */
class VectorPiKernelTest {
    /** Sizes around every boundary of the layout: lanes, rounds, blocks, and the short last block. */
    private static final long[] SIZES = {1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 8191, 8192, 8193,
        65_535, 65_536, 65_537, 65_536 + 7, 2 * 65_536 - 1, 2 * 65_536 + 9, 1_000_003};
    private static final long[] SEEDS = {0, 1, -1, 42, 20201117, Long.MIN_VALUE, Long.MAX_VALUE};

    private static final PiKernel SCALAR = PiKernels.scalar();

    private static VectorPiKernel vector() {
        return (VectorPiKernel) PiKernels.vector().orElseThrow(() -> new AssertionError(
                "this test JVM has " + PiKernels.VECTOR_MODULE + " and vector hardware, yet no vector kernel"));
    }

    /** The vector loop alone, without the scalar kernel's warm-up blocks. */
    private static long loop(VectorPiKernel vector, long seed, long samples) {
        return vector.vectorHits(seed, samples, 0, MonteCarloPi.blocks(samples));
    }

    private static long all(PiKernel kernel, long seed, long samples) {
        return kernel.hits(seed, samples, 0, MonteCarloPi.blocks(samples));
    }

    @Test
    void theVectorKernelIsChosenWhereTheModuleIsPresent() {
        assertTrue(PiKernels.hasVectorModule());
        assertTrue(PiKernels.best().name().startsWith("vector-"), PiKernels.best().name());
    }

    @Test
    void vectorAndScalarAgreeOnEverySizeAndSeed() {
        VectorPiKernel vector = vector();
        for (long samples : SIZES) {
            for (long seed : SEEDS) {
                long scalar = all(SCALAR, seed, samples);
                assertEquals(scalar, loop(vector, seed, samples), "vector loop, seed " + seed + ", " + samples);
                assertEquals(scalar, all(vector, seed, samples), "vector kernel, seed " + seed + ", " + samples);
            }
        }
    }

    @Test
    void vectorAndScalarAgreeOnRandomSizesAndSeeds() {
        VectorPiKernel vector = vector();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            long samples = 1 + random.nextLong(3 * MonteCarloPi.BLOCK_SAMPLES);
            long seed = random.nextLong();
            assertEquals(all(SCALAR, seed, samples), loop(vector, seed, samples),
                    "seed " + seed + ", " + samples + " samples");
        }
    }

    @ParameterizedTest(name = "{0} chunks")
    @ValueSource(ints = {2, 3, 7, 16})
    void everyChunkOfARunAgrees(int parts) {
        VectorPiKernel vector = vector();
        long samples = 5 * MonteCarloPi.BLOCK_SAMPLES + 12_345;
        for (PiChunk chunk : ChunkPlan.split(99, samples, parts)) {
            long scalar = SCALAR.hits(99, samples, chunk.firstBlock(), chunk.blockCount());
            assertEquals(scalar, vector.vectorHits(99, samples, chunk.firstBlock(), chunk.blockCount()), chunk.toString());
            assertEquals(scalar, vector.hits(99, samples, chunk.firstBlock(), chunk.blockCount()), chunk.toString());
        }
    }

    @Test
    void theKernelSwitchesToTheVectorLoopOnceItIsCompiled() {
        // Blocks go to the scalar kernel until a timed probe shows the vector loop compiled (this test
        // JVM has the workers' JIT hint, see pi/pom.xml); then every block goes to the loop. How
        // soon depends on the JIT's queue (a busy machine, a long suite before this test), so runs are
        // counted block by block until the switch, each checked, with a generous bound against a hang.
        VectorPiKernel vector = vector();
        long samples = 300L * MonteCarloPi.BLOCK_SAMPLES;
        long blocks = MonteCarloPi.blocks(samples);
        long expected = all(SCALAR, 5, samples);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        boolean compared = false;
        int runs = 0;
        while (!VectorPiKernel.warmedUp() && System.nanoTime() < deadline) {
            long hits = 0;
            for (long block = 0; block < blocks; block++) {
                hits += vector.hits(5, samples, block, 1);
            }
            assertEquals(expected, hits, "run " + runs + ", block by block, while warming up");
            runs++;
            if (!compared && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                // Both loops have run for seconds, so both are compiled. Where the compiled vector
                // loop is not clearly faster than the scalar kernel (JDK 17 on AVX2, with no 64-bit
                // lane multiply: about as fast), staying scalar is the kernel's choice to make, not a
                // missed switch; where it is clearly faster (a fifth or more), the switch must come.
                compared = true;
                double vectorNanos = bestNanosPerDart(() -> vector.vectorHits(5, samples, 0, 20));
                double scalarNanos = bestNanosPerDart(() -> SCALAR.hits(5, samples, 0, 20));
                assumeTrue(VectorPiKernel.warmedUp() || vectorNanos < 0.8 * scalarNanos, String.format(
                        "skipped: on this CPU and JDK the compiled vector loop (%.2f ns a dart) is not clearly faster"
                        + " than the scalar kernel (%.2f ns), so the kernel may stay scalar", vectorNanos, scalarNanos));
            }
        }
        assertTrue(VectorPiKernel.warmedUp(), "still warming up after " + runs + " runs of " + blocks + " blocks");
        assertEquals(expected, vector.hits(5, samples, 0, blocks), "all blocks on the vector loop");
    }

    @ParameterizedTest(name = "MaxVectorSize={0} bytes")
    @ValueSource(ints = {16, 32, 64})
    void narrowerVectorsCountTheSameHits(int maxVectorBytes) throws Exception {
        // A width the CPU lacks (64 bytes without AVX-512) is not a narrower vector: the JVM warns
        // and caps it. Ask this JVM, which runs with the hardware's own limit, what it allows.
        int widest = widestVectorBytes();
        assumeTrue(maxVectorBytes <= widest, "skipped: MaxVectorSize=" + maxVectorBytes
                + " is wider than this CPU's widest vector (" + widest + " bytes)");
        List<String> args = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (long samples : new long[] {1, 9, 65_537, 200_003}) {
            for (long seed : new long[] {3, -5}) {
                args.add(seed + ":" + samples);
                expected.add(all(SCALAR, seed, samples));
            }
        }
        List<String> out = probe(List.of("--add-modules=" + PiKernels.VECTOR_MODULE,
                "-XX:MaxVectorSize=" + maxVectorBytes), args);
        String name = out.get(0);
        assertTrue(name.startsWith("vector-"), "the child JVM picked " + name);
        int bits = Integer.parseInt(name.substring("vector-".length()));
        assertTrue(bits >= 128 && bits <= 8 * maxVectorBytes, name + " with MaxVectorSize=" + maxVectorBytes);
        List<String> lines = out.subList(1, out.size());
        assertEquals(expected, lines.stream().map(line -> Long.parseLong(line.split(" ")[0])).toList(), name);
        assertEquals(expected, lines.stream().map(line -> Long.parseLong(line.split(" ")[1])).toList(),
                name + ", the vector loop alone");
    }

    @ParameterizedTest(name = "-Djpool.hitTest={0}")
    @ValueSource(strings = {"integer", "double"})
    void bothHitTestsCountTheSameHits(String test) throws Exception {
        List<String> args = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (long samples : new long[] {1, 9, 65_537, 200_003, 1_000_003}) {
            for (long seed : new long[] {3, -5, 20201117}) {
                args.add(seed + ":" + samples);
                long hits = all(SCALAR, seed, samples);
                expected.add(hits + " " + hits);
            }
        }
        List<String> out = probe(List.of("--add-modules=" + PiKernels.VECTOR_MODULE,
                "-D" + VectorPiKernel.HIT_TEST_PROPERTY + "=" + test), args);
        assertTrue(out.get(0).startsWith("vector-"), "the child JVM picked " + out.get(0));
        assertEquals(expected, out.subList(1, out.size()), out.get(0) + " with the " + test + " hit test");
    }

    /**
     * The double test is exact where it is sure, and sure but for darts close to the circle. The
     * darts tried lie right at {@code x*x + y*y = 2^62}: for x = 2^31 - j, the largest y inside
     * the circle and the next one out (and the same with x and y swapped), where y is small, so some
     * come within a few thousand of 2^62. Each is tried in a random lane, beside darts at the
     * centre (sure hits).
     */
    @Test
    void theDoubleTestIsSureOnlyWhereItIsRight() {
        int lanes = VectorPiKernel.lanes();
        SplittableRandom random = new SplittableRandom(11);
        long radiusSquared = 1L << 62;
        int unsure = 0;
        int tried = 0;
        for (long j = 1; j <= 1 << 14; j++) {
            long x = (1L << 31) - j;
            long y = (long) Math.sqrt((double) (radiusSquared - x * x));
            while (x * x + y * y >= radiusSquared) {
                y--;
            }
            while (x * x + (y + 1) * (y + 1) < radiusSquared) {
                y++;
            }
            for (long[] dart : new long[][] {{x, y}, {x, y + 1}, {y, x}, {y + 1, x}}) {
                long output = dart[0] << 33 | (random.nextBoolean() ? 1L << 32 : 0) | dart[1];
                long[] outputs = new long[lanes];
                outputs[random.nextInt(lanes)] = output; // the others: 0, a dart at the centre
                long exact = lanes - 1 + (MonteCarloPi.isHit(output) ? 1 : 0);
                long[] counts = VectorPiKernel.doubleTestCounts(outputs);
                long off = dart[0] * dart[0] + dart[1] * dart[1] - radiusSquared;
                String what = "x " + dart[0] + ", y " + dart[1] + ": x*x + y*y - 2^62 = " + off;
                assertTrue(counts[0] <= exact && exact <= counts[1], what + ", counts " + counts[0] + "-" + counts[1]);
                if (Math.abs(off) > 1 << 12) {
                    assertEquals(counts[0], counts[1], "unsure far from the circle: " + what);
                }
                unsure += counts[0] != counts[1] ? 1 : 0;
                tried++;
            }
        }
        assertTrue(unsure > 0, "of " + tried + " darts at the circle, some are too close to tell");
    }

    @Test
    void oneLaneVectorsAreRefusedForTheScalarKernel() throws Exception {
        List<String> out = probe(List.of("--add-modules=" + PiKernels.VECTOR_MODULE, "-XX:MaxVectorSize=8"),
                List.of("3:65537"));
        long hits = all(SCALAR, 3, 65_537);
        assertEquals(List.of("scalar", hits + " " + hits), out);
    }

    @Test
    void withoutTheModuleTheVectorKernelIsNeverLoaded() throws Exception {
        List<String> out = probe(List.of("-verbose:class"), List.of("3:65537"));
        assertFalse(out.stream().anyMatch(line -> line.contains("VectorPiKernel") || line.contains("jdk.incubator")),
                "a JVM without the module loaded the vector kernel");
        List<String> results = out.stream().filter(line -> !line.startsWith("[")).toList();
        long hits = all(SCALAR, 3, 65_537);
        assertEquals(List.of("scalar", hits + " " + hits), results);
    }

    @Test
    void thePropertyPicksOrRefusesAKernel() {
        assertEquals("scalar", PiKernels.choose("scalar").name());
        assertTrue(PiKernels.choose(" Vector ").name().startsWith("vector-"));
        assertTrue(PiKernels.choose("").name().startsWith("vector-"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PiKernels.choose("simd"));
        assertEquals("-Djpool.kernel='simd' names no kernel: scalar or vector", bad.getMessage());
    }

    @Test
    void askingForTheVectorKernelWithoutTheModuleFailsWithAReason() throws Exception {
        List<String> out = probe(List.of("-Djpool.kernel=vector"), List.of());
        assertTrue(out.stream().anyMatch(line -> line.contains(
                "-Djpool.kernel=vector, but this JVM cannot run the vector kernel")), out.toString());
    }

    /** The best of five timed runs of 20 full blocks, in nanoseconds a dart. */
    private static double bestNanosPerDart(LongSupplier run) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            run.getAsLong();
            best = Math.min(best, System.nanoTime() - started);
        }
        return (double) best / (20 * MonteCarloPi.BLOCK_SAMPLES);
    }

    /** The widest vector, in bytes, that this JVM (started without -XX:MaxVectorSize) allows on this CPU. */
    private static int widestVectorBytes() {
        return Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxVectorSize").getValue());
    }

    /** Runs {@link KernelProbe} in a child JVM with the test classpath; its stdout and stderr lines. */
    private static List<String> probe(List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KernelProbe.class.getName());
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        byte[] output = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM exited");
        return new String(output, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
    }
}

package dev.jpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.testing.Square;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code imap} over 10 million lazily generated inputs in a JVM whose whole heap is 32 MiB: the
 * inputs alone, were they read first, would take some 200 MiB of boxed longs and list.
 */
class LazyImapHeapTest {
    static final long INPUTS = 10_000_000;
    static final String HEAP = "-Xmx32m";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ProcessPool", "ThreadPool"})
    void tenMillionLazyInputsRunInAHeapFarSmallerThanThem(String pool) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), pool, String.valueOf(INPUTS)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(10, TimeUnit.MINUTES));
        System.out.println(pool + ": " + output.strip());
        assertEquals(0, child.exitValue(), output);
        // sum of x*x over 1..n with 13 skipped (Square throws for it)
        long expected = 0;
        for (long x = 1; x <= INPUTS; x++) {
            expected += x == 13 ? 0 : x * x; // wraps as the child's sum does
        }
        assertTrue(output.contains("outputs " + (INPUTS - 1) + " sum " + expected), output);
    }

    /** Runs imap over 1..n (13 left out) lazily and prints how many outputs, their sum, and the peak heap used. */
    public static final class Main {
        public static void main(String[] args) {
            long n = Long.parseLong(args[1]);
            Iterable<Long> inputs = () -> new Iterator<>() {
                private long next = 1;

                @Override
                public boolean hasNext() {
                    return (next == 13 ? 14 : next) <= n;
                }

                @Override
                public Long next() {
                    if (next == 13) {
                        next++;
                    }
                    return next++;
                }
            };
            long count;
            long sum;
            try (Pool pool = args[0].equals("ThreadPool") ? new ThreadPool(2)
                    : new ProcessPool(ProcessPoolOptions.workers(2).withJvmOptions(HEAP))) {
                long[] totals = new long[2];
                Stream<Long> outputs = pool.imap(new Square(), inputs, 10_000);
                outputs.forEach(x -> {
                    totals[0]++;
                    totals[1] += x;
                });
                count = totals[0];
                sum = totals[1];
            }
            long peak = 0;
            for (MemoryPoolMXBean memory : ManagementFactory.getMemoryPoolMXBeans()) {
                if (memory.getType() == MemoryType.HEAP) {
                    peak += memory.getPeakUsage().getUsed();
                }
            }
            System.out.println("outputs " + count + " sum " + sum + " peak heap " + peak / (1024 * 1024) + " MiB (of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
        }
    }
}

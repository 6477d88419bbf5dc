package dev.jpool.bench;

import dev.jpool.pi.PiWorkers;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.process.StartCache;
import dev.jpool.worker.HelloWorld;
import dev.jpool.worker.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A user's fresh pool, as a user meets it: from {@code new ProcessPool(2)} to the first result of a
 * trivial task, and how soon the round trip of later calls settles. Side by side in one run, rounds
 * interleaved: the library's neutral worker defaults, and the same pool with the pi workload's tuning
 * (the Vector API module, {@code -XX:CompileThresholdScaling=3}, pi CompileCommands, a small heap:
 * what every worker got before the pool and the pi workload were apart), with a bare {@code java}
 * hello world beside them as the unit; the neutral pool without the archive; and the first pool on
 * a new jar or JDK, whose cache has no archive yet, as it comes (its workers start without one, the
 * archive is built in the background) and told to wait for it. Prints medians (and min-max) over
 * the rounds.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.ColdStartBenchmark [rounds]}
 * (after {@code mvn -B -Pbench -DskipTests package}).
 */
public final class ColdStartBenchmark {
    private static final int WORKERS = 2;
    /** Round trips whose times are read in buckets: the first call, calls 2-100, 101-300, ... */
    private static final int[] BUCKETS = {1, 100, 300, 1000, 3000};

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        // Every pool waits for its class-data archive (AOT cache on JDK 25) if there is none yet: the
        // unmeasured first round builds each one's, and no build runs behind a measured round.
        List<Subject> subjects = List.of(
                new Subject("neutral defaults (a user's pool)", () -> ProcessPoolOptions.workers(WORKERS)
                        .withClassDataArchiveAwaited(true)),
                new Subject("neutral defaults, no archive", () -> ProcessPoolOptions.workers(WORKERS)
                        .withClassDataArchive(false)),
                new Subject("pi workload's tuning", () -> ProcessPoolOptions.workers(WORKERS)
                        .withClassDataArchiveAwaited(true)
                        .withJvmOptions(PiWorkers.jvmOptions().toArray(String[]::new))),
                // The first pool on a new jar or JDK, each round in an empty cache: as it comes, its
                // workers start at once without the archive, which is built behind them; and told to
                // wait for the archive, as every first pool did before.
                new Subject("first pool on a new jar (archive built in the background)", true,
                        () -> ProcessPoolOptions.workers(WORKERS)),
                new Subject("first pool on a new jar, waiting for its archive", true,
                        () -> ProcessPoolOptions.workers(WORKERS).withClassDataArchiveAwaited(true)));
        for (Subject subject : subjects) {
            subject.run(0, rounds); // unmeasured: builds each one's class-data archive, once per jar and JDK
        }
        long[] bare = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = bareJava();
            for (Subject subject : subjects) {
                subject.run(r, rounds);
            }
        }
        System.out.printf(Locale.ROOT, "bare java hello world, spawn to exit: %s%n", millis(bare));
        for (Subject subject : subjects) {
            subject.print(median(bare));
        }
    }

    /** One bare {@code java} start, from spawn to exit, in nanoseconds. */
    private static long bareJava() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java, "-XX:-UsePerfData", "-cp",
                System.getProperty("java.class.path"), HelloWorld.class.getName())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the bare java failed");
        }
        return System.nanoTime() - start;
    }

    private static final class Subject {
        final String name;
        /** Whether each round starts from an empty cache directory, as the first pool on a new jar does. */
        final boolean emptyCache;
        final Supplier<ProcessPoolOptions> options;
        long[] firstResult;
        long[][] trips;

        Subject(String name, Supplier<ProcessPoolOptions> options) {
            this(name, false, options);
        }

        Subject(String name, boolean emptyCache, Supplier<ProcessPoolOptions> options) {
            this.name = name;
            this.emptyCache = emptyCache;
            this.options = options;
        }

        void run(int round, int rounds) throws IOException, InterruptedException {
            Path cache = emptyCache ? Files.createTempDirectory("jpool-cold-start-") : null;
            try {
                run(round, rounds, cache == null ? options.get() : options.get().withCacheDirectory(cache));
                StartCache.awaitBuilds(Duration.ofMinutes(3)); // unmeasured: no build behind the next round
            } finally {
                if (cache != null) {
                    try (Stream<Path> files = Files.walk(cache)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(file);
                        }
                    }
                }
            }
        }

        private void run(int round, int rounds, ProcessPoolOptions poolOptions) {
            if (firstResult == null) {
                firstResult = new long[rounds];
                trips = new long[rounds][];
            }
            int calls = BUCKETS[BUCKETS.length - 1];
            long[] times = new long[calls];
            long start = System.nanoTime();
            try (ProcessPool pool = new ProcessPool(poolOptions)) {
                long result = pool.apply(new Identity(), 1L);
                firstResult[round] = System.nanoTime() - start;
                if (result != 1L) {
                    throw new IllegalStateException("wrong result");
                }
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    pool.apply(new Identity(), (long) i);
                    times[i] = System.nanoTime() - t;
                }
            }
            trips[round] = times;
        }

        void print(long bareNanos) {
            long first = median(firstResult);
            System.out.printf(Locale.ROOT, "%s: new ProcessPool(%d) to its first result %s, %.2fx a bare java%n",
                    name, WORKERS, millis(firstResult), (double) first / bareNanos);
            StringBuilder line = new StringBuilder("  apply round trip, median of each round's median, us:");
            int from = 0;
            for (int to : BUCKETS) {
                long[] medians = new long[trips.length];
                for (int r = 0; r < trips.length; r++) {
                    medians[r] = median(Arrays.copyOfRange(trips[r], from, to));
                }
                line.append(String.format(Locale.ROOT, " calls %d-%d %.0f;", from + 1, to, median(medians) / 1e3));
                from = to;
            }
            System.out.println(line);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f, %d rounds)", median(values) / 1e6,
                sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, values.length);
    }
}

package dev.jpool.bench;

import dev.jpool.pi.PiWorkers;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.worker.HelloWorld;
import dev.jpool.worker.Identity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A user's fresh pool, as a user meets it: from {@code new ProcessPool(2)} to the first result of a
 * trivial task, and how soon the round trip of later calls settles. Side by side in one run, rounds
 * interleaved: the library's neutral worker defaults, and the same pool with the pi workload's tuning
 * (the Vector API module, {@code -XX:CompileThresholdScaling=3}, pi CompileCommands, a small heap:
 * what every worker got before the pool and the pi workload were apart), with a bare {@code java}
 * hello world beside them as the unit. Prints medians (and min-max) over the rounds.
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
        List<Subject> subjects = List.of(
                new Subject("neutral defaults (a user's pool)", () -> ProcessPoolOptions.workers(WORKERS)),
                new Subject("pi workload's tuning", () -> ProcessPoolOptions.workers(WORKERS)
                        .withJvmOptions(PiWorkers.jvmOptions().toArray(String[]::new))));
        for (Subject subject : subjects) {
            subject.run(0, rounds); // unmeasured: builds each one's class-data archive, as a first pool does once
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
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp",
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
        final Supplier<ProcessPoolOptions> options;
        long[] firstResult;
        long[][] trips;

        Subject(String name, Supplier<ProcessPoolOptions> options) {
            this.name = name;
            this.options = options;
        }

        void run(int round, int rounds) {
            if (firstResult == null) {
                firstResult = new long[rounds];
                trips = new long[rounds][];
            }
            int calls = BUCKETS[BUCKETS.length - 1];
            long[] times = new long[calls];
            long start = System.nanoTime();
            try (ProcessPool pool = new ProcessPool(options.get())) {
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

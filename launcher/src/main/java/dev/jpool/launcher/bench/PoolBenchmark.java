package dev.jpool.launcher.bench;

import dev.jpool.pool.Pool;
import dev.jpool.pool.PoolOptions;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ThreadPool;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * What the Pool API itself costs, on warm pools of 2 workers: the round trip of one tiny task
 * ({@code apply} of an identity task), and {@code map} of 100,000 tiny tasks with the default
 * chunksize. Prints one line per figure; {@code bench/pool_speed.py} sets them beside Python's.
 *
 * <p>Run: {@code java -cp launcher/target/jpool.jar dev.jpool.launcher.bench.PoolBenchmark}
 */
public final class PoolBenchmark {
    private static final int WORKERS = 2;
    private static final int ROUND_TRIPS = 20_000;
    private static final int MAP_INPUTS = 100_000;
    private static final int WARM_UPS = 5;
    private static final int REPEATS = 9;

    private PoolBenchmark() {
    }

    public static void main(String[] args) {
        List<Long> inputs = LongStream.range(0, MAP_INPUTS).boxed().toList();
        try (ProcessPool processes = new ProcessPool(PoolOptions.workers(WORKERS));
             ThreadPool threads = new ThreadPool(WORKERS)) {
            processes.ready().join();
            report("ProcessPool", processes, inputs);
            report("ThreadPool", threads, inputs);
        }
    }

    private static void report(String name, Pool pool, List<Long> inputs) {
        long[] trips = new long[ROUND_TRIPS];
        for (int i = 0; i < ROUND_TRIPS; i++) { // the first half warms the JIT on both sides of the pipe
            long start = System.nanoTime();
            pool.apply(new Identity(), (long) i);
            trips[i] = System.nanoTime() - start;
        }
        long[] measured = Arrays.copyOfRange(trips, ROUND_TRIPS / 2, ROUND_TRIPS);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "%s apply round trip: median %.1f us, p90 %.1f us (%d calls after %d warm-up)%n",
                name, measured[measured.length / 2] / 1e3, measured[measured.length * 9 / 10] / 1e3, measured.length,
                ROUND_TRIPS / 2);
        for (int w = 0; w < WARM_UPS; w++) {
            pool.map(new Identity(), inputs); // warms the JIT on both sides of the pipe
        }
        double[] seconds = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            List<Long> out = pool.map(new Identity(), inputs);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            if (out.size() != inputs.size() || !out.get(out.size() - 1).equals(inputs.get(inputs.size() - 1))) {
                throw new IllegalStateException("map returned the wrong results");
            }
        }
        Arrays.sort(seconds);
        double median = seconds[REPEATS / 2];
        System.out.printf(Locale.ROOT, "%s map of %,d tiny tasks on %d workers: median %.3f s, %.0f tasks/s%n",
                name, inputs.size(), WORKERS, median, inputs.size() / median);
    }
}

package dev.jpool.bench;

import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.pool.ThreadPool;
import dev.jpool.worker.Identity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * What the Pool API itself costs, on warm pools of 2 workers: the round trip of one tiny task
 * ({@code apply} of an identity task), and {@code map} of 100,000 tiny tasks with the default
 * chunksize: the first map on a pool of its own (fresh workers, cold JIT), then the median of 15 after 60 warm-up maps
 * (the steady state, once the JIT compilers of all three JVMs have finished). Prints one line per figure; {@code bench/pool_speed.py} sets them beside Python's.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.PoolBenchmark} (after
 * {@code mvn -B -Pbench -DskipTests package})
 */
public final class PoolBenchmark {
    private static final int WORKERS = 2;
    private static final int ROUND_TRIPS = 20_000;
    private static final int MAP_INPUTS = 100_000;
    /** Enough maps for the three JVMs' JIT compilers to finish (about 30 on the 2-core machine). */
    private static final int WARM_UPS = 60;
    private static final int REPEATS = 15;

    private PoolBenchmark() {
    }

    public static void main(String[] args) {
        List<Long> inputs = LongStream.range(0, MAP_INPUTS).boxed().toList();
        long processesCold;
        try (ProcessPool fresh = new ProcessPool(options())) {
            fresh.ready().join();
            processesCold = firstMap(fresh, inputs);
        }
        long threadsCold;
        try (ThreadPool fresh = new ThreadPool(WORKERS)) {
            threadsCold = firstMap(fresh, inputs);
        }
        try (ProcessPool processes = new ProcessPool(options());
             ThreadPool threads = new ThreadPool(WORKERS)) {
            processes.ready().join();
            report("ProcessPool", processes, inputs, processesCold);
            report("ThreadPool", threads, inputs, threadsCold);
        }
    }

    /**
     * Both pools' workers from the class-data archive (the AOT cache on JDK 25): the first pool waits
     * for it to be built where this jar has none yet, so that no build runs in the background of a
     * measurement, and both measure what a user's pools meet from the second on.
     */
    private static ProcessPoolOptions options() {
        return ProcessPoolOptions.workers(WORKERS).withClassDataArchiveAwaited(true);
    }

    /** The first map on a pool whose workers have run nothing yet: the JIT has compiled none of its path. */
    private static long firstMap(Pool pool, List<Long> inputs) {
        long start = System.nanoTime();
        check(pool.map(new Identity(), inputs), inputs);
        return System.nanoTime() - start;
    }

    private static void report(String name, Pool pool, List<Long> inputs, long cold) {
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
            check(pool.map(new Identity(), inputs), inputs); // warms the JIT on both sides of the pipe
        }
        double[] seconds = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            List<Long> out = pool.map(new Identity(), inputs);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            check(out, inputs);
        }
        Arrays.sort(seconds);
        double median = seconds[REPEATS / 2];
        System.out.printf(Locale.ROOT, "%s map of %,d tiny tasks on %d workers, first (cold JIT): %.3f s, %.0f tasks/s%n",
                name, inputs.size(), WORKERS, cold / 1e9, inputs.size() / (cold / 1e9));
        System.out.printf(Locale.ROOT, "%s map of %,d tiny tasks on %d workers: median %.4f s (min %.4f, max %.4f),"
                        + " %.0f tasks/s (%d maps after %d warm-up)%n",
                name, inputs.size(), WORKERS, median, seconds[0], seconds[REPEATS - 1], inputs.size() / median, REPEATS,
                WARM_UPS);
    }

    private static void check(List<Long> out, List<Long> inputs) {
        if (!out.equals(inputs)) {
            throw new IllegalStateException("map returned the wrong results");
        }
    }
}

package dev.jpool.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a new task costs a pool whose JIT has settled on another: {@link PeersBenchmark}'s CPU job
 * (2 hash loops of 3,000,000 steps at once on a jpool {@code ProcessPool(2)}) run three times in a
 * row after one tiny run of it, on fresh pools and on pools first given 3,000 {@code apply} calls
 * and a map of 100,000 tiny tasks of another task class, the two kinds interleaved. Prints the
 * median and range of each of the three jobs of each kind.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.peers.TaskSwitchCpu [POOLS (7)]
 * [--worker-jvm-opt=OPTION]...} (after {@code mvn -B -Pbench -DskipTests package}); worker options
 * are given to every pool, to weigh one.
 */
public final class TaskSwitchCpu {
    private static final int ITERATIONS = 3_000_000;
    private static final int JOBS = 3;

    private TaskSwitchCpu() {
    }

    public static void main(String[] args) throws Exception {
        int pools = 7;
        List<String> workerOptions = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--worker-jvm-opt=")) {
                workerOptions.add(arg.substring("--worker-jvm-opt=".length()));
            } else {
                pools = Integer.parseInt(arg);
            }
        }
        List<Long> seeds = PeersBenchmark.SEEDS;
        List<Long> expected = seeds.stream().map(seed -> PeerTasks.hashSum(seed, ITERATIONS)).toList();
        List<Long> tiny = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            tiny.add(i);
        }
        String load = PeersBenchmark.loadAverage();
        double[][][] seconds = new double[2][JOBS][pools];
        for (int p = 0; p < pools; p++) {
            for (int warm = 0; warm < 2; warm++) {
                JpoolProcessPeer pool = new JpoolProcessPeer(false, workerOptions);
                try {
                    if (warm == 1) {
                        for (long i = 0; i < 3_000; i++) {
                            pool.apply(i);
                        }
                        pool.map(tiny, new AtomicInteger());
                    }
                    pool.hashSums(seeds, 1); // the task's first use in the workers
                    for (int job = 0; job < JOBS; job++) {
                        long t = System.nanoTime();
                        List<Long> sums = pool.hashSums(seeds, ITERATIONS);
                        seconds[warm][job][p] = (System.nanoTime() - t) / 1e9;
                        if (!sums.equals(expected)) {
                            throw new IllegalStateException("wrong sums " + sums);
                        }
                    }
                } finally {
                    pool.close();
                }
            }
        }
        if (!workerOptions.isEmpty()) {
            System.out.println("worker options: " + String.join(" ", workerOptions));
        }
        System.out.printf(Locale.ROOT, "CPU job (2 x %,d hash steps) on jpool ProcessPool(2), ms, median (min-max) over %d pools"
                + " (load average %s, then %s)%n  %s%n", ITERATIONS, pools, load, PeersBenchmark.loadAverage(),
                PeersBenchmark.machine());
        String[] kinds = {"fresh pool", "after 3,000 applies and a map"};
        for (int warm = 0; warm < 2; warm++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-32s", kinds[warm]));
            for (int job = 0; job < JOBS; job++) {
                double[] s = seconds[warm][job].clone();
                Arrays.sort(s);
                row.append(String.format(Locale.ROOT, "  job %d: %5.1f (%4.1f-%5.1f)", job + 1, 1e3 * s[pools / 2],
                        1e3 * s[0], 1e3 * s[pools - 1]));
            }
            System.out.println(row);
        }
    }
}

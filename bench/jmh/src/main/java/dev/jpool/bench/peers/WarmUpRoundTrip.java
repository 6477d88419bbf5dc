package dev.jpool.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How fast a fresh pool's round trip settles: a new jpool {@code ProcessPool(2)} (task class) and
 * PP4J's pool of 2 asked {@code apply(i)} 5,000 times in a row each, the median round trip of each
 * stretch of calls printed, from the first ten to the last thousand, over several fresh pools of
 * each (interleaved). Steady is the last stretch; the first stretch within 1.2x of it says when a
 * pool got there.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.peers.WarmUpRoundTrip [POOLS (3)]
 * [--worker-jvm-opt=OPTION]...} (after {@code mvn -B -Pbench -DskipTests package}). Worker JVM
 * options add a row: a jpool pool whose workers are started with them, interleaved with the others,
 * to weigh an option's warm-up against its cold start (each row's median first result, from the
 * constructor, is printed too).
 */
public final class WarmUpRoundTrip {
    /** The stretches: calls [EDGES[i], EDGES[i + 1]). */
    private static final int[] EDGES = {0, 10, 50, 100, 200, 300, 500, 1000, 2000, 3000, 4000, 5000};

    private WarmUpRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        int pools = 3;
        List<String> workerOptions = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--worker-jvm-opt=")) {
                workerOptions.add(arg.substring("--worker-jvm-opt=".length()));
            } else {
                pools = Integer.parseInt(arg);
            }
        }
        List<String> names = new ArrayList<>(List.of("jpool ProcessPool(2), task class", "PP4J 2.2"));
        List<JvmPeer.Starter> starters = new ArrayList<>(List.of(() -> new JpoolProcessPeer(false), Pp4jPeer::new));
        if (!workerOptions.isEmpty()) {
            names.add("jpool, with the worker options");
            starters.add(() -> new JpoolProcessPeer(false, workerOptions));
        }
        for (JvmPeer.Starter starter : starters) {
            trips(starter, new double[1]); // unmeasured: the archive, the libraries' classes in this JVM
        }
        double[][][] medians = new double[names.size()][pools][];
        double[][] colds = new double[names.size()][pools];
        for (int p = 0; p < pools; p++) {
            for (int s = 0; s < names.size(); s++) {
                double[] cold = new double[1];
                medians[s][p] = stretchMedians(trips(starters.get(s), cold));
                colds[s][p] = cold[0];
            }
        }
        if (!workerOptions.isEmpty()) {
            System.out.println("worker options: " + String.join(" ", workerOptions));
        }
        System.out.printf(Locale.ROOT, "round trip of apply(i) in a fresh pool, median us per stretch of calls, median over %d"
                + " pools (load average %s)%n  %s%n", pools, PeersBenchmark.loadAverage(), PeersBenchmark.machine());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-34s", "calls"));
        for (int i = 0; i + 1 < EDGES.length; i++) {
            header.append(String.format(Locale.ROOT, "%10s", EDGES[i] + "-" + EDGES[i + 1]));
        }
        System.out.println(header + "   steady by   cold start");
        for (int s = 0; s < names.size(); s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-34s", names.get(s)));
            double[] overPools = new double[EDGES.length - 1];
            for (int i = 0; i < overPools.length; i++) {
                double[] column = new double[pools];
                for (int p = 0; p < pools; p++) {
                    column[p] = medians[s][p][i];
                }
                Arrays.sort(column);
                overPools[i] = column[pools / 2];
                row.append(String.format(Locale.ROOT, "%10.1f", overPools[i]));
            }
            double steady = overPools[overPools.length - 1];
            int by = 0;
            while (overPools[by] > 1.2 * steady) {
                by++;
            }
            double[] cold = colds[s].clone();
            Arrays.sort(cold);
            System.out.println(row + String.format(Locale.ROOT, "   call %-5d %7.1f ms", EDGES[by + 1], cold[pools / 2]));
        }
    }

    /**
     * A fresh pool's round trips, in nanoseconds, call by call, and in {@code cold[0]} the
     * milliseconds from its constructor to its first result; the pool closed afterwards.
     */
    private static long[] trips(JvmPeer.Starter starter, double[] cold) throws Exception {
        long start = System.nanoTime();
        PeerPool pool = starter.start();
        try {
            pool.apply(-1); // the pool is up: its first answer is the cold start
            cold[0] = (System.nanoTime() - start) / 1e6;
            long[] nanos = new long[EDGES[EDGES.length - 1]];
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                if (pool.apply(i) != i) {
                    throw new IllegalStateException("apply returned another number");
                }
                nanos[i] = System.nanoTime() - t;
            }
            return nanos;
        } finally {
            pool.close();
        }
    }

    private static double[] stretchMedians(long[] nanos) {
        double[] medians = new double[EDGES.length - 1];
        for (int i = 0; i < medians.length; i++) {
            long[] stretch = Arrays.copyOfRange(nanos, EDGES[i], EDGES[i + 1]);
            Arrays.sort(stretch);
            medians[i] = stretch[stretch.length / 2] / 1e3;
        }
        return medians;
    }
}

package dev.jpool.bench;

import dev.jpool.pi.MonteCarloPi;
import dev.jpool.pi.PiKernel;
import dev.jpool.pi.PiKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Each kernel against the plain loop, side by side. On a machine that others share, JMH's scores
 * of one benchmark after another move with the load; so this runs the kernels interleaved, one
 * block of {@value #DARTS} darts each in turn (the order rotating), for several repetitions. A
 * burst that short is mostly not preempted, and preemption only adds time, so each repetition
 * takes each kernel's fastest burst as its speed. It prints per kernel that time
 * per dart and its ratio to the plain loop, the median over the repetitions and their range.
 * Run with the benchmarks' jar:
 * {@code java --add-modules=jdk.incubator.vector -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.KernelRatios [repetitions [seconds each]]}.
 */
public final class KernelRatios {
    private static final int DARTS = MonteCarloPi.BLOCK_SAMPLES;
    private static volatile long sink;

    private KernelRatios() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        PiKernel vector = PiKernels.vector().orElseThrow(() -> new IllegalStateException(
                "no vector kernel in this JVM: it needs --add-modules jdk.incubator.vector and vector hardware"));
        PiKernel scalar = PiKernels.scalar();
        int rounds = DARTS / PlainVectorLoop.SPECIES.length();
        long[] state = PlainVectorLoop.seed(42);
        Map<String, LongUnaryOperator> kernels = new LinkedHashMap<>();
        kernels.put("plain loop (integer test)", seed -> PlainVectorLoop.integerHits(state, rounds));
        kernels.put("plain loop (exact double test)", seed -> PlainVectorLoop.exactDoubleHits(state, rounds));
        kernels.put("jpool " + vector.name(), seed -> vector.hits(seed, DARTS, 0, 1));
        kernels.put("jpool scalar", seed -> scalar.hits(seed, DARTS, 0, 1));
        List<String> names = new ArrayList<>(kernels.keySet());
        run(kernels, names, 3); // warm-up: every kernel compiled
        Map<String, double[]> fastest = new LinkedHashMap<>();
        names.forEach(name -> fastest.put(name, new double[repetitions]));
        for (int r = 0; r < repetitions; r++) {
            Map<String, List<Double>> nanos = run(kernels, names, seconds);
            for (String name : names) {
                double[] sorted = nanos.get(name).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                fastest.get(name)[r] = sorted[0];
            }
        }
        System.out.printf("%s %s, %d-bit vectors (%d longs); %d repetitions of %.1f s, %,d darts a burst, interleaved%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                PlainVectorLoop.SPECIES.vectorBitSize(), PlainVectorLoop.SPECIES.length(), repetitions, seconds, DARTS);
        double[] base = fastest.get(names.get(0));
        for (String name : names) {
            double[] own = fastest.get(name);
            double[] ratios = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                ratios[r] = own[r] / base[r];
            }
            double[] times = own.clone();
            Arrays.sort(ratios);
            Arrays.sort(times);
            System.out.printf("  %-32s %6.3f ns/dart   %5.2fx the plain loop (range %.2f-%.2f)%n",
                    name, times[repetitions / 2], ratios[repetitions / 2], ratios[0], ratios[repetitions - 1]);
        }
    }

    /** The kernels in turns for {@code seconds}: each one's nanoseconds per dart, burst by burst. */
    private static Map<String, List<Double>> run(Map<String, LongUnaryOperator> kernels, List<String> names,
                                                 double seconds) {
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        names.forEach(name -> nanos.put(name, new ArrayList<>()));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; System.nanoTime() < end; round++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + round) % names.size());
                long start = System.nanoTime();
                sink += kernels.get(name).applyAsLong(round);
                nanos.get(name).add((double) (System.nanoTime() - start) / DARTS);
            }
        }
        return nanos;
    }
}

package dev.jpool.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link ProtocolBenchmark}'s round trips with each set of short paths side by side, as
 * {@link KernelRatios} runs the kernels: interleaved in short bursts (the order rotating), each
 * repetition taking each variant's fastest burst, since preemption on a shared machine only adds
 * time. Prints per message and payload size each variant's time per round trip and its ratio to
 * {@code all}, the median over the repetitions and their range. All variants share one JVM (and
 * so the JIT's profile of the code they share), where JMH forks one per variant. Run with the
 * benchmarks' jar:
 * {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.ProtocolRatios [repetitions [seconds each [paths,...]]]}.
 */
public final class ProtocolRatios {
    /** Roughly this much work a burst: short enough to be mostly not preempted. */
    private static final int BURST_NUMBERS = 2000;
    private static volatile Object sink;

    private ProtocolRatios() {
    }

    public static void main(String[] args) throws IOException {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        List<String> paths = List.of(args.length > 2 ? args[2].split(",") : new String[] {"all", "noWholeNumbers", "none", "jackson"});
        System.out.printf(Locale.ROOT, "%s %s; %d repetitions of %.1f s, interleaved bursts%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), repetitions, seconds);
        List<String> messages = List.of("runTask", "taskResult");
        int[] sizes = {1, 1000};
        List<List<ProtocolBenchmark>> groups = new ArrayList<>();
        for (int numbers : sizes) {
            List<ProtocolBenchmark> variants = new ArrayList<>();
            for (String path : paths) {
                ProtocolBenchmark variant = new ProtocolBenchmark();
                variant.numbers = numbers;
                variant.paths = path;
                variant.setUp();
                variants.add(variant);
            }
            groups.add(variants);
        }
        for (int warm = 0; warm < 2; warm++) { // every path of every group compiled before any is measured
            for (String message : messages) {
                for (int g = 0; g < sizes.length; g++) {
                    run(groups.get(g), message, Math.max(1, BURST_NUMBERS / (sizes[g] + 10)), 1.5);
                }
            }
        }
        for (String message : messages) {
            for (int g = 0; g < sizes.length; g++) {
                int numbers = sizes[g];
                List<ProtocolBenchmark> variants = groups.get(g);
                int burst = Math.max(1, BURST_NUMBERS / (numbers + 10));
                double[][] fastest = new double[paths.size()][repetitions];
                for (int r = 0; r < repetitions; r++) {
                    double[] best = run(variants, message, burst, seconds);
                    for (int v = 0; v < paths.size(); v++) {
                        fastest[v][r] = best[v];
                    }
                }
                System.out.printf(Locale.ROOT, "  %s, %d whole number%s (%d a burst):%n", message, numbers, numbers == 1 ? "" : "s", burst);
                for (int v = 0; v < paths.size(); v++) {
                    double[] ratios = new double[repetitions];
                    for (int r = 0; r < repetitions; r++) {
                        ratios[r] = fastest[v][r] / fastest[0][r];
                    }
                    double[] times = fastest[v].clone();
                    Arrays.sort(times);
                    Arrays.sort(ratios);
                    System.out.printf(Locale.ROOT, "    %-15s %10.0f ns   %5.2fx %s (range %.2f-%.2f)%n", paths.get(v),
                            times[repetitions / 2], ratios[repetitions / 2], paths.get(0), ratios[0], ratios[repetitions - 1]);
                }
            }
        }
    }

    /** The variants in turns for {@code seconds}: each one's fastest burst, in nanoseconds a round trip. */
    private static double[] run(List<ProtocolBenchmark> variants, String message, int burst, double seconds)
            throws IOException {
        double[] best = new double[variants.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; System.nanoTime() < end; round++) {
            for (int k = 0; k < variants.size(); k++) {
                int v = (k + round) % variants.size();
                ProtocolBenchmark variant = variants.get(v);
                long start = System.nanoTime();
                for (int i = 0; i < burst; i++) {
                    sink = message.equals("runTask") ? variant.runTask() : variant.taskResult();
                }
                best[v] = Math.min(best[v], (double) (System.nanoTime() - start) / burst);
            }
        }
        return best;
    }
}

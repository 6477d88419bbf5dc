package dev.jpool.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cold start alone, with more rounds than {@link PeersBenchmark} gives it: from a Java pool's
 * constructor to the first result of a tiny task ({@code apply(1)}), jpool's {@code ProcessPool(2)}
 * with a task class and with a lambda beside PP4J's pool of 2 JVMs, the pools interleaved round by
 * round (the order turning each round) after one unmeasured start of each; each pool is closed,
 * and its workers gone, before the next starts. Prints the median and the range of each, and the
 * machine's load average before and after. A minute or so.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.peers.ColdStartPeers [ROUNDS (21)]}
 * (after {@code mvn -B -Pbench -DskipTests package}); the worker class-data archive is built by
 * the unmeasured starts, so the measured ones use it, as a user's later pools do.
 */
public final class ColdStartPeers {
    private record Subject(String name, JvmPeer.Starter starter) {
    }

    private ColdStartPeers() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        List<Subject> subjects = List.of(
                new Subject("jpool ProcessPool(2), task class", () -> new JpoolProcessPeer(false)),
                new Subject("jpool ProcessPool(2), lambda", () -> new JpoolProcessPeer(true)),
                new Subject("PP4J 2.2", Pp4jPeer::new));
        String loadBefore = PeersBenchmark.loadAverage();
        for (Subject subject : subjects) {
            coldStart(subject); // the archive, and each library's classes in this JVM
            Thread.sleep(2_000); // jpool's archive is built in the background: let it finish
        }
        List<long[]> nanos = new ArrayList<>();
        subjects.forEach(s -> nanos.add(new long[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < subjects.size(); k++) {
                int s = (round + k) % subjects.size();
                nanos.get(s)[round] = coldStart(subjects.get(s));
            }
        }
        System.out.printf(Locale.ROOT, "cold start, constructor to the first result of apply(1), %d rounds, load average %s"
                + " before, %s after%n", rounds, loadBefore, PeersBenchmark.loadAverage());
        System.out.println("  " + PeersBenchmark.machine());
        for (int s = 0; s < subjects.size(); s++) {
            long[] sorted = nanos.get(s).clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "  %-34s median %6.1f ms   range %6.1f-%6.1f ms%n", subjects.get(s).name(),
                    sorted[rounds / 2] / 1e6, sorted[0] / 1e6, sorted[rounds - 1] / 1e6);
        }
    }

    /** One pool started, asked {@code apply(1)}, timed, and closed with every worker gone. */
    private static long coldStart(Subject subject) throws Exception {
        long start = System.nanoTime();
        PeerPool pool = subject.starter().start();
        long elapsed;
        try {
            if (pool.apply(1) != 1) {
                throw new IllegalStateException(subject.name() + ": apply(1) returned another number");
            }
            elapsed = System.nanoTime() - start;
        } finally {
            pool.close();
        }
        String left = PeersBenchmark.leftOver(java.util.Set.of(), true);
        if (!left.equals(PeersBenchmark.NONE_LEFT)) {
            throw new IllegalStateException(subject.name() + ": " + left);
        }
        return elapsed;
    }
}

package dev.jpool.bench.peers;

import dev.jpool.task.Task;

/**
 * The work every pool in {@link PeersBenchmark} runs, the same everywhere (bench/peers_python.py
 * has the same three functions): a tiny task that returns its input, a CPU-bound hash sum, and the
 * fault batch's sleeper. Task classes for jpool's {@code ProcessPool} with a task class; the other
 * adapters wrap the static methods in their own serializable lambdas.
 */
public final class PeerTasks {
    /** A 64-bit linear congruential step (Knuth's MMIX constants): one dependent multiply-add per iteration, which no compiler vectorises. */
    static final long MULTIPLIER = 6364136223846793005L;
    static final long INCREMENT = 1442695040888963407L;
    static final long SEED_MIX = 0x9E3779B97F4A7C15L;
    /** How long each task of the fault batch sleeps. */
    static final int SLEEP_MILLIS = 20;

    private PeerTasks() {
    }

    /** Sums the top 31 bits of {@code iterations} steps of the generator started from {@code seed}. */
    public static long hashSum(long seed, int iterations) {
        long x = seed ^ SEED_MIX;
        long sum = 0;
        for (int i = 0; i < iterations; i++) {
            x = x * MULTIPLIER + INCREMENT;
            sum += x >>> 33;
        }
        return sum;
    }

    /** One task of the fault batch: sleeps {@link #SLEEP_MILLIS}, returns its input. */
    public static long sleep(long x) throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
        return x;
    }

    /** The CPU-bound job's input: which seed, how many iterations. */
    public record HashJob(long seed, int iterations) {
    }

    /** The tiny task: returns its input. */
    public static final class Echo implements Task<Long, Long> {
        @Override
        public Long apply(Long x) {
            return x;
        }
    }

    /** The CPU-bound task. */
    public static final class HashSum implements Task<HashJob, Long> {
        @Override
        public Long apply(HashJob job) {
            return hashSum(job.seed(), job.iterations());
        }
    }

    /** The fault batch's task. */
    public static final class Sleep implements Task<Long, Long> {
        @Override
        public Long apply(Long x) throws InterruptedException {
            return sleep(x);
        }
    }
}

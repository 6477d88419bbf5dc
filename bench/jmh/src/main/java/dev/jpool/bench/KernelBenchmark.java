package dev.jpool.bench;

import dev.jpool.pi.MonteCarloPi;
import dev.jpool.pi.PiKernel;
import dev.jpool.pi.PiKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per dart of each kernel on one core: the scalar and the vector kernel of jpool, and
 * for reference the same dart test on {@link SplittableRandom}, the JDK's fastest splittable
 * generator. One invocation counts {@value #SAMPLES} darts (16 blocks), so JMH's time per
 * operation is the time per dart.
 *
 * <p>Run: {@code mvn -q -B -Pbench -DskipTests package && java -jar bench/jmh/target/benchmarks.jar}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class KernelBenchmark {
    static final int SAMPLES = 16 * MonteCarloPi.BLOCK_SAMPLES;

    private PiKernel scalar;
    private PiKernel vector;
    /** Not final and changed per trial, so nothing can be folded at compile time. */
    private long seed;

    @Setup
    public void setUp() {
        scalar = PiKernels.scalar();
        vector = PiKernels.vector().orElseThrow(() -> new IllegalStateException(
                "no vector kernel in this JVM: it needs --add-modules jdk.incubator.vector and vector hardware"));
        seed = System.nanoTime();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long scalar() {
        return scalar.hits(seed, SAMPLES, 0, MonteCarloPi.blocks(SAMPLES));
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long vector() {
        return vector.hits(seed, SAMPLES, 0, MonteCarloPi.blocks(SAMPLES));
    }

    /** The same dart test on one {@link SplittableRandom}: not jpool's layout, a reference for speed. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long splittableRandom() {
        SplittableRandom random = new SplittableRandom(seed);
        long hits = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long output = random.nextLong();
            long x = output >>> 33;
            long y = output & 0x7FFF_FFFFL;
            hits += (x * x + y * y - (1L << 62)) >>> 63;
        }
        return hits;
    }
}

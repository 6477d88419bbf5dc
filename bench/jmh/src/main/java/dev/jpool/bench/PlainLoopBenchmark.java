package dev.jpool.bench;

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
 * Nanoseconds per dart of {@link PlainVectorLoop}, the plain hand-written Vector API loop that
 * jpool's vector kernel ({@code KernelBenchmark.vector}) is measured against, with the integer
 * hit test and with the exact double one. As many darts per operation as {@link KernelBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class PlainLoopBenchmark {
    private static final int ROUNDS = KernelBenchmark.SAMPLES / PlainVectorLoop.SPECIES.length();

    private long[] state;

    @Setup
    public void setUp() {
        state = PlainVectorLoop.seed(System.nanoTime());
    }

    @Benchmark
    @OperationsPerInvocation(KernelBenchmark.SAMPLES)
    public long plainLoop() {
        return PlainVectorLoop.integerHits(state, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(KernelBenchmark.SAMPLES)
    public long plainLoopExactDouble() {
        return PlainVectorLoop.exactDoubleHits(state, ROUNDS);
    }
}

package dev.jpool.pi;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel: the streams of a block side by side as the lanes of a {@link LongVector}, each
 * lane a xoshiro256++ generator, with exactly the arithmetic of {@link ScalarPiKernel}.
 *
 * <p>The logical layout does not depend on the hardware: a block always has
 * {@link MonteCarloPi#STREAMS_PER_BLOCK 8} streams. With 512-bit vectors (AVX-512) one vector holds
 * all eight; with narrower ones (AVX2: 4 lanes, SSE or NEON: 2) the eight streams are walked as
 * groups of that many lanes, one group after another. Every stream draws the same outputs either
 * way, so the hit count is the scalar kernel's on any machine.
 *
 * <p>This class needs the {@code jdk.incubator.vector} module. Nothing refers to it by name but
 * {@link PiKernels}, which loads it reflectively and only when the module is in the boot layer, so
 * a JVM without the module never loads it.
 */
final class VectorPiKernel implements PiKernel {
    /** At most 8 lanes of 64 bits: the widest vector this machine runs natively, never wider than a block's streams. */
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED.length() >= MonteCarloPi.STREAMS_PER_BLOCK
            ? LongVector.SPECIES_512 : LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SPECIES.vectorShape());
    private static final int LANES = SPECIES.length();
    /** The system property that forces a hit test: {@code integer} or {@code double} (for tests and benchmarks). */
    static final String HIT_TEST_PROPERTY = "jpool.hitTest";
    /** Whether the darts are tested in doubles (exactly: see {@link #groupHitsDouble}); else in 64-bit integers. */
    static final boolean DOUBLE_TEST = doubleTest(System.getProperty(HIT_TEST_PROPERTY));
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);
    /**
     * How far from the circle a dart must be for the double test to be sure of it: the test's
     * value is within 2^9 of the exact {@code x*x + y*y - 2^62} (see {@link #groupHitsDouble}).
     */
    private static final double SLACK = 0x1p11;
    private static final int STREAMS = MonteCarloPi.STREAMS_PER_BLOCK;
    private static final PiKernel SCALAR = new ScalarPiKernel();

    /** Two rounds of eight streams and one dart of a third: every lane, the loop and the tail. */
    private static final long SELF_CHECK_SAMPLES = 17;

    /**
     * @throws UnsupportedOperationException where vectors hold a single long: the Vector API would
     *                                       run its portable code, far slower than the scalar kernel
     * @throws IllegalStateException         if the vector loop disagrees with the scalar kernel on a
     *                                       self-check (a broken Vector API on some platform)
     */
    VectorPiKernel() {
        if (LANES < 2) {
            throw new UnsupportedOperationException("vectors of " + SPECIES.vectorBitSize() + " bits hold one long");
        }
        for (long seed : new long[] {1, -1}) {
            long vector = vectorHits(seed, SELF_CHECK_SAMPLES, 0, 1);
            long scalar = SCALAR.hits(seed, SELF_CHECK_SAMPLES, 0, 1);
            if (vector != scalar) {
                throw new IllegalStateException("the vector kernel counted " + vector + " hits where the scalar kernel"
                        + " counted " + scalar + " (seed " + seed + ", " + SELF_CHECK_SAMPLES + " darts)");
            }
        }
    }

    /**
     * The double test where a 64-bit lane multiply is slow: vectors narrower than 512 bits (no
     * AVX-512, so no {@code vpmullq}) on a JDK before 24, whose JIT builds the multiply from
     * several 32-bit ones. From JDK 24 C2 multiplies lanes whose upper halves are zero, as x and y
     * are, with one 32x32-bit multiply, and the integer test is the faster again. Both count the
     * same hits.
     */
    private static boolean doubleTest(String forced) {
        if ("double".equals(forced) || "integer".equals(forced)) {
            return "double".equals(forced);
        }
        return SPECIES.length() < 8 && Runtime.version().feature() < 24;
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    /** The vector loop's hits, after the scalar kernel's for the blocks that come while it warms up. */
    @Override
    public long hits(long seed, long totalSamples, long firstBlock, long blockCount) {
        long end = firstBlock + blockCount;
        long block = firstBlock;
        long hits = 0;
        while (block < end && !WarmUp.done()) {
            long start = System.nanoTime();
            hits += SCALAR.hits(seed, totalSamples, block, 1);
            WarmUp.probe(System.nanoTime() - start, MonteCarloPi.blockSamples(totalSamples, block));
            block++;
        }
        return hits + vectorHits(seed, totalSamples, block, end - block);
    }

    /** The vector loop alone, warm or not. */
    long vectorHits(long seed, long totalSamples, long firstBlock, long blockCount) {
        long[] state = new long[4 * STREAMS];
        long hits = 0;
        for (long block = firstBlock; block < firstBlock + blockCount; block++) {
            hits += blockHits(seed, totalSamples, block, state);
        }
        return hits;
    }

    /** Whether this JVM has switched to the vector loop: its warm-up is over. */
    static boolean warmedUp() {
        return WarmUp.done();
    }

    /** Hits of one block, all its streams. */
    private static long blockHits(long seed, long totalSamples, long block, long[] state) {
        // state[word * 8 + stream]: word w of every stream side by side, ready to load as lanes
        for (int stream = 0; stream < STREAMS; stream++) {
            for (int word = 0; word < 4; word++) {
                state[word * STREAMS + stream] = MonteCarloPi.streamSeed(seed, block, stream, word);
            }
        }
        int n = MonteCarloPi.blockSamples(totalSamples, block);
        long hits = 0;
        for (int first = 0; first < STREAMS; first += LANES) {
            hits += groupHits(state, first, n / STREAMS, n % STREAMS);
        }
        return hits;
    }

    /**
     * Until the JIT has compiled the vector loop, the Vector API runs as plain Java objects, some
     * fifty times slower than the scalar kernel: the first hundred milliseconds or so of a fresh
     * JVM. Meanwhile each block is counted by the scalar kernel (the same hits, by the layout),
     * and the vector loop gets a short probe run that drives the JIT to compile it and is timed.
     * Once a probe draws its darts in under half the best time per dart of the scalar blocks, the
     * loop is compiled, and every later block of this JVM goes to the vector loop.
     */
    private static final class WarmUp {
        /** Darts per probe: a few rounds, so an uncompiled probe costs little. */
        private static final int PROBE_ROUNDS = 32;
        private static final long[] PROBE_STATE = new long[4 * STREAMS];
        private static volatile boolean done;
        private static double bestScalarNanosPerDart = Double.MAX_VALUE;
        private static int scalarBlocks;
        /** Keeps the probes' results alive, so the JIT cannot drop the probe as dead code. */
        @SuppressWarnings("unused")
        private static volatile long sink;

        static {
            for (int i = 0; i < PROBE_STATE.length; i++) {
                PROBE_STATE[i] = SplitMix64.output(i, i);
            }
        }

        static boolean done() {
            return done;
        }

        static synchronized void probe(long scalarNanos, int scalarDarts) {
            bestScalarNanosPerDart = Math.min(bestScalarNanosPerDart, (double) scalarNanos / scalarDarts);
            scalarBlocks++;
            long start = System.nanoTime();
            long hits = 0;
            for (int first = 0; first < STREAMS; first += LANES) {
                hits += groupHits(PROBE_STATE, first, PROBE_ROUNDS, 0);
            }
            double probeNanosPerDart = (double) (System.nanoTime() - start) / (PROBE_ROUNDS * STREAMS);
            sink = hits;
            // after a few blocks, so that the best scalar time is the compiled scalar kernel's
            if (scalarBlocks >= 4 && probeNanosPerDart < bestScalarNanosPerDart) {
                done = true;
            }
        }
    }

    /**
     * Hits of streams {@code first .. first+LANES-1} of a block of {@code 8 * rounds + rest} samples:
     * every stream draws {@code rounds} darts, and streams below {@code rest} one more.
     */
    private static long groupHits(long[] state, int first, int rounds, int rest) {
        return DOUBLE_TEST ? groupHitsDouble(state, first, rounds, rest) : groupHitsInteger(state, first, rounds, rest);
    }

    /** {@link #groupHits} with the hit test in 64-bit integer lanes. */
    private static long groupHitsInteger(long[] state, int first, int rounds, int rest) {
        LongVector s0 = LongVector.fromArray(SPECIES, state, first);
        LongVector s1 = LongVector.fromArray(SPECIES, state, first + STREAMS);
        LongVector s2 = LongVector.fromArray(SPECIES, state, first + 2 * STREAMS);
        LongVector s3 = LongVector.fromArray(SPECIES, state, first + 3 * STREAMS);
        LongVector misses = LongVector.zero(SPECIES);
        for (int i = 0; i < rounds; i++) {
            LongVector output = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 45);
            misses = misses.add(misses(output));
        }
        long hits = (long) rounds * LANES - misses.reduceLanes(VectorOperators.ADD);
        int extra = Math.min(LANES, rest - first); // lanes of this group that draw one dart more
        if (extra > 0) {
            LongVector output = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            hits += extra - misses(output).reduceLanes(VectorOperators.ADD, SPECIES.indexInRange(0, extra));
        }
        return hits;
    }

    /**
     * {@link #groupHits} with the hit test in doubles, exactly. x and y (31 bits each) become
     * doubles without rounding: or-ed into the mantissa of 2^52, which is then subtracted (AVX2 has
     * no 64-bit integer to double conversion). Then {@code t = fma(x, x, fma(y, y, k - 2^62))}
     * differs from the exact {@code x*x + y*y - 2^62 + k} by the inner fma's rounding alone, at
     * most 2^9 (its value is below 2^63 in magnitude), and the sign of t is that of the outer
     * fma's exact value. So with k = +SLACK a set sign bit says "surely a hit", and with
     * k = -SLACK a clear one says "surely a miss"; a dart that is neither lies within SLACK + 2^9
     * of the circle. Where the two counts of set sign bits agree, no dart of the group was that
     * close and they are its exact hits; where not (about one dart in 10^15 is that close), the
     * group is counted again by {@link #groupHitsInteger}. The xoshiro256++ step is written out
     * here as there, not shared: the four state vectors must stay in registers through the loop,
     * which a helper handing them back (in an array or a record) would leave to escape analysis.
     */
    private static long groupHitsDouble(long[] state, int first, int rounds, int rest) {
        LongVector s0 = LongVector.fromArray(SPECIES, state, first);
        LongVector s1 = LongVector.fromArray(SPECIES, state, first + STREAMS);
        LongVector s2 = LongVector.fromArray(SPECIES, state, first + 2 * STREAMS);
        LongVector s3 = LongVector.fromArray(SPECIES, state, first + 3 * STREAMS);
        LongVector sure = LongVector.zero(SPECIES);
        LongVector maybe = LongVector.zero(SPECIES);
        DoubleVector two52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        DoubleVector surelyIn = DoubleVector.broadcast(DOUBLES, SLACK - 0x1p62);
        DoubleVector maybeIn = DoubleVector.broadcast(DOUBLES, -SLACK - 0x1p62);
        for (int i = 0; i < rounds; i++) {
            LongVector output = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 45);
            DoubleVector x = output.lanewise(VectorOperators.LSHR, 33).or(TWO_52_BITS).reinterpretAsDoubles().sub(two52);
            DoubleVector y = output.and(0x7FFF_FFFFL).or(TWO_52_BITS).reinterpretAsDoubles().sub(two52);
            sure = sure.add(x.fma(x, y.fma(y, surelyIn)).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63));
            maybe = maybe.add(x.fma(x, y.fma(y, maybeIn)).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63));
        }
        long hits = sure.reduceLanes(VectorOperators.ADD);
        if (hits != maybe.reduceLanes(VectorOperators.ADD)) {
            return groupHitsInteger(state, first, rounds, rest);
        }
        int extra = Math.min(LANES, rest - first); // lanes of this group that draw one dart more
        if (extra > 0) {
            LongVector output = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            hits += extra - misses(output).reduceLanes(VectorOperators.ADD, SPECIES.indexInRange(0, extra));
        }
        return hits;
    }

    /**
     * The double test of {@link #groupHitsDouble} on given outputs, {@code LANES} at a time: the
     * count of surely hits and of hits or too close to tell, as {@code {sure, maybe}}. For tests.
     */
    static long[] doubleTestCounts(long[] outputs) {
        DoubleVector two52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        DoubleVector surelyIn = DoubleVector.broadcast(DOUBLES, SLACK - 0x1p62);
        DoubleVector maybeIn = DoubleVector.broadcast(DOUBLES, -SLACK - 0x1p62);
        long[] counts = new long[2];
        for (int i = 0; i + LANES <= outputs.length; i += LANES) {
            LongVector output = LongVector.fromArray(SPECIES, outputs, i);
            DoubleVector x = output.lanewise(VectorOperators.LSHR, 33).or(TWO_52_BITS).reinterpretAsDoubles().sub(two52);
            DoubleVector y = output.and(0x7FFF_FFFFL).or(TWO_52_BITS).reinterpretAsDoubles().sub(two52);
            counts[0] += x.fma(x, y.fma(y, surelyIn)).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63)
                    .reduceLanes(VectorOperators.ADD);
            counts[1] += x.fma(x, y.fma(y, maybeIn)).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63)
                    .reduceLanes(VectorOperators.ADD);
        }
        return counts;
    }

    static int lanes() {
        return LANES;
    }

    /**
     * 1 in each lane whose dart misses, else 0. With {@code x, y < 2^31}, {@code d = x*x + y*y}
     * is below {@code 2^63}, so its bit 62 is set exactly when {@code d >= 2^62}: a miss.
     */
    private static LongVector misses(LongVector output) {
        LongVector x = output.lanewise(VectorOperators.LSHR, 33);
        LongVector y = output.and(0x7FFF_FFFFL);
        return x.mul(x).add(y.mul(y)).lanewise(VectorOperators.LSHR, 62);
    }
}

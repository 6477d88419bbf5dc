package dev.jpool.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The limit jpool's vector kernel is measured against: the plainest hand-written Vector API loop
 * of the same arithmetic. Four state vectors s0..s3 of {@link LongVector#SPECIES_PREFERRED}, each
 * lane a xoshiro256++ generator, and the same exact integer hit test {@code x*x + y*y < 2^62};
 * no blocks, no layout, no warm-up switch, no tail.
 *
 * <p>{@link #exactDoubleHits} is the same loop with the hit test done in doubles, exactly (see
 * there): on AVX2, which has no 64-bit lane multiply, it is the formulation the JIT compiles well.
 */
final class PlainVectorLoop {
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> DOUBLES = SPECIES.withLanes(double.class).check(double.class);
    private static final long RADIUS_SQUARED = 1L << 62;
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);
    /** Each computed test value is within this of the exact one (see {@code VectorPiKernel}). */
    private static final double SLACK = 0x1p11;

    private PlainVectorLoop() {
    }

    /** State for every lane, from one seed: four words of SplitMix64 per lane. */
    static long[] seed(long seed) {
        long[] state = new long[4 * SPECIES.length()];
        long z = seed;
        for (int i = 0; i < state.length; i++) {
            z += 0x9E37_79B9_7F4A_7C15L;
            long r = z;
            r = (r ^ (r >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            r = (r ^ (r >>> 27)) * 0x94D0_49BB_1331_11EBL;
            state[i] = r ^ (r >>> 31);
        }
        return state;
    }

    /** Hits of {@code rounds} darts in every lane, the hit test in 64-bit integer lanes. */
    static long integerHits(long[] state, int rounds) {
        int lanes = SPECIES.length();
        LongVector s0 = LongVector.fromArray(SPECIES, state, 0);
        LongVector s1 = LongVector.fromArray(SPECIES, state, lanes);
        LongVector s2 = LongVector.fromArray(SPECIES, state, 2 * lanes);
        LongVector s3 = LongVector.fromArray(SPECIES, state, 3 * lanes);
        LongVector hits = LongVector.zero(SPECIES);
        for (int i = 0; i < rounds; i++) {
            LongVector output = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 45);
            LongVector x = output.lanewise(VectorOperators.LSHR, 33);
            LongVector y = output.and(0x7FFF_FFFFL);
            hits = hits.add(x.mul(x).add(y.mul(y)).sub(RADIUS_SQUARED).lanewise(VectorOperators.LSHR, 63));
        }
        return hits.reduceLanes(VectorOperators.ADD);
    }

    /**
     * As {@link #integerHits}, the hit test in doubles: x and y (31 bits) become doubles exactly
     * (or-ed into the mantissa of 2^52, which is then taken away), and
     * {@code t = fma(x, x, fma(y, y, -2^62 + k))} is within 2^9 of
     * {@code x*x + y*y - 2^62 + k}. Counted with k = +SLACK and k = -SLACK, a lane's sign bits
     * say "surely a hit" and "a hit or too close to tell"; where the two counts agree no dart was
     * too close, and they are the exact count. Where they do not (about one dart in 10^15), the
     * darts are counted again with the integer test.
     */
    static long exactDoubleHits(long[] state, int rounds) {
        int lanes = SPECIES.length();
        LongVector s0 = LongVector.fromArray(SPECIES, state, 0);
        LongVector s1 = LongVector.fromArray(SPECIES, state, lanes);
        LongVector s2 = LongVector.fromArray(SPECIES, state, 2 * lanes);
        LongVector s3 = LongVector.fromArray(SPECIES, state, 3 * lanes);
        LongVector sure = LongVector.zero(SPECIES);
        LongVector maybe = LongVector.zero(SPECIES);
        DoubleVector two52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        DoubleVector below = DoubleVector.broadcast(DOUBLES, -0x1p62 + SLACK);
        DoubleVector above = DoubleVector.broadcast(DOUBLES, -0x1p62 - SLACK);
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
            sure = sure.add(x.fma(x, y.fma(y, below)).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63));
            maybe = maybe.add(x.fma(x, y.fma(y, above)).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63));
        }
        long hits = sure.reduceLanes(VectorOperators.ADD);
        return hits == maybe.reduceLanes(VectorOperators.ADD) ? hits : integerHits(state, rounds);
    }
}

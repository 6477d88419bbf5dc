package dev.jpool.pi;

/** The plain-Java kernel: one xoshiro256++ stream at a time, state in four locals. */
public final class ScalarPiKernel implements PiKernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public long hits(long seed, long totalSamples, long firstBlock, long blockCount) {
        long hits = 0;
        for (long block = firstBlock; block < firstBlock + blockCount; block++) {
            int n = MonteCarloPi.blockSamples(totalSamples, block);
            for (int stream = 0; stream < MonteCarloPi.STREAMS_PER_BLOCK; stream++) {
                hits += streamHits(
                        MonteCarloPi.streamSeed(seed, block, stream, 0),
                        MonteCarloPi.streamSeed(seed, block, stream, 1),
                        MonteCarloPi.streamSeed(seed, block, stream, 2),
                        MonteCarloPi.streamSeed(seed, block, stream, 3),
                        MonteCarloPi.streamSamples(n, stream));
            }
        }
        return hits;
    }

    /**
     * {@code count} darts from the xoshiro256++ state (s0, s1, s2, s3), the generator inlined.
     * An int counter lets the JIT keep the loop tight (a stream draws at most 8192 darts).
     */
    static long streamHits(long s0, long s1, long s2, long s3, int count) {
        long hits = 0;
        for (int i = 0; i < count; i++) {
            long output = Long.rotateLeft(s0 + s3, 23) + s0;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Long.rotateLeft(s3, 45);
            long x = output >>> 33;
            long y = output & 0x7FFF_FFFFL;
            // (d - R^2) >>> 63 is 1 exactly when d < R^2 (d < 2^63, no overflow): no branch to mispredict
            hits += (x * x + y * y - MonteCarloPi.RADIUS_SQUARED) >>> 63;
        }
        return hits;
    }
}

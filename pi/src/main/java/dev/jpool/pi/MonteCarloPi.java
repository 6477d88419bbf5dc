package dev.jpool.pi;


/**
 * The logical layout of a Monte Carlo pi run, shared by every kernel and every mode.
 *
 * <p>The sample space {@code 0 .. samples-1} is cut into blocks of {@link #BLOCK_SAMPLES}; the
 * last block may be shorter. Sample {@code j} of a block is drawn by stream {@code j % }
 * {@link #STREAMS_PER_BLOCK} of that block. Each stream is a xoshiro256++ generator whose four
 * state words are outputs {@code 32*block + 4*stream .. +3} of one SplitMix64 stream started at
 * the run's seed, so the streams of all blocks are disjoint slices of one well-mixed sequence.
 * Each sample is one 64-bit output: {@code x} is its top 31 bits, {@code y} its low 31 bits, and
 * it is a hit when {@code x*x + y*y < 2^62}, exact integer arithmetic with no rounding to differ.
 * The hit count of a run is therefore a function of (seed, samples) alone: the same in every mode,
 * with any number of workers and any chunking, on any machine and any vector width.
 */
public final class MonteCarloPi {
    /** Samples per block (2^16). Part of the layout: changing it changes every hit count. */
    public static final int BLOCK_SAMPLES = 1 << 16;
    /** Interleaved generator streams per block. Part of the layout. */
    public static final int STREAMS_PER_BLOCK = 8;
    /** SplitMix64 outputs a block consumes to seed its streams. */
    static final int SEEDS_PER_BLOCK = STREAMS_PER_BLOCK * 4;
    /** A hit is strictly inside the quarter circle of radius 2^31. */
    static final long RADIUS_SQUARED = 1L << 62;
    /** The largest sample count a run accepts: hit counts stay far inside a long. */
    public static final long MAX_SAMPLES = 1_000_000_000_000_000L;

    private MonteCarloPi() {
    }

    /** Number of blocks that hold {@code samples} samples. */
    public static long blocks(long samples) {
        return (samples + BLOCK_SAMPLES - 1) / BLOCK_SAMPLES;
    }

    /** Samples in block {@code block} of a run of {@code samples} samples. */
    public static int blockSamples(long samples, long block) {
        long start = block * BLOCK_SAMPLES;
        return (int) Math.max(0, Math.min(BLOCK_SAMPLES, samples - start));
    }

    /** How many of a block's {@code n} samples stream {@code stream} draws. */
    public static int streamSamples(int n, int stream) {
        return n > stream ? (n - stream + STREAMS_PER_BLOCK - 1) / STREAMS_PER_BLOCK : 0;
    }

    /** State word {@code word} (0..3) of stream {@code stream} of block {@code block}. */
    public static long streamSeed(long seed, long block, int stream, int word) {
        return SplitMix64.output(seed, block * SEEDS_PER_BLOCK + stream * 4L + word);
    }

    /** Whether one 64-bit generator output is a dart inside the quarter circle. */
    public static boolean isHit(long output) {
        long x = output >>> 33;
        long y = output & 0x7FFF_FFFFL;
        return x * x + y * y < RADIUS_SQUARED;
    }

    /** The estimate of pi from a hit count. */
    public static double estimate(long hits, long samples) {
        return 4.0 * hits / samples;
    }

    /** The standard error of the estimate, {@code 4 * sqrt(p(1-p)/n)} with {@code p = hits/n}. */
    public static double standardError(long hits, long samples) {
        double p = (double) hits / samples;
        return 4.0 * Math.sqrt(p * (1 - p) / samples);
    }
}

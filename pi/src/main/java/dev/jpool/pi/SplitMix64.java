package dev.jpool.pi;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014), the generator behind {@link java.util.SplittableRandom},
 * used here only to seed xoshiro states, as its authors recommend.
 *
 * <p>Its state advances by a fixed odd constant, so the {@code k}-th output of a stream is
 * {@link #mix(long) mix}{@code (seed + (k + 1) * GOLDEN_GAMMA)}: any output is reachable
 * directly, which is what lets every block find its own seeds without the blocks before it.
 */
public final class SplitMix64 {
    /** The odd increment, 2^64 divided by the golden ratio. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The {@code index}-th output (0-based) of the SplitMix64 stream started at {@code seed}. */
    public static long output(long seed, long index) {
        return mix(seed + (index + 1) * GOLDEN_GAMMA);
    }

    /** SplitMix64's finaliser, a bijection on 64-bit values with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

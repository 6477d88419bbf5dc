package dev.jpool.pi;

/** Counts hits for a range of blocks, following the layout of {@link MonteCarloPi}. */
public interface PiKernel {
    /** A short name shown in reports, e.g. {@code scalar}. */
    String name();

    /** Hits among all samples of blocks {@code firstBlock .. firstBlock+blockCount-1}. */
    long hits(long seed, long totalSamples, long firstBlock, long blockCount);
}

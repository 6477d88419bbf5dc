package dev.jpool.pi;

/**
 * A contiguous range of blocks of one run: the input of {@link PiTask}.
 *
 * @param seed         the run's seed
 * @param totalSamples the run's sample count (fixes the size of its last block)
 * @param firstBlock   first block of this chunk
 * @param blockCount   blocks in this chunk, possibly zero
 */
public record PiChunk(long seed, long totalSamples, long firstBlock, long blockCount) {
    public PiChunk {
        if (totalSamples < 0 || firstBlock < 0 || blockCount < 0
                || firstBlock + blockCount > MonteCarloPi.blocks(totalSamples)) {
            throw new IllegalArgumentException("chunk of blocks " + firstBlock + "+" + blockCount
                    + " does not fit a run of " + totalSamples + " samples");
        }
    }

    /** Samples this chunk draws. */
    public long samples() {
        long start = firstBlock * MonteCarloPi.BLOCK_SAMPLES;
        long end = Math.min(totalSamples, (firstBlock + blockCount) * MonteCarloPi.BLOCK_SAMPLES);
        return Math.max(0, end - start);
    }
}

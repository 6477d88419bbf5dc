package dev.jpool.pi;

import dev.jpool.task.Task;
import dev.jpool.task.TaskProgress;

/**
 * Counts the hits of one chunk with the best kernel of the JVM it runs in, a slice of blocks at
 * a time so that it can report its progress; hits add up over blocks, so slicing changes nothing.
 */
public final class PiTask implements Task<PiChunk, PiCount> {
    /** Blocks per slice: about 1e8 samples, a report every ~0.1 s of one core's work. */
    static final long SLICE_BLOCKS = 1536;

    @Override
    public PiCount apply(PiChunk chunk) {
        PiKernel kernel = PiKernels.best();
        long end = chunk.firstBlock() + chunk.blockCount();
        long total = chunk.samples();
        long hits = 0;
        for (long block = chunk.firstBlock(); block < end; block += SLICE_BLOCKS) {
            long count = Math.min(SLICE_BLOCKS, end - block);
            hits += kernel.hits(chunk.seed(), chunk.totalSamples(), block, count);
            TaskProgress.report(total - new PiChunk(chunk.seed(), chunk.totalSamples(), block + count,
                    end - block - count).samples(), total);
        }
        return new PiCount(total, hits, kernel.name());
    }
}

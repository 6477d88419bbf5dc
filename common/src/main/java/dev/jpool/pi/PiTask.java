package dev.jpool.pi;

import dev.jpool.task.Task;

/** Counts the hits of one chunk with the best kernel of the JVM it runs in. */
public final class PiTask implements Task<PiChunk, PiCount> {
    @Override
    public PiCount apply(PiChunk chunk) {
        PiKernel kernel = PiKernels.best();
        long hits = kernel.hits(chunk.seed(), chunk.totalSamples(), chunk.firstBlock(), chunk.blockCount());
        return new PiCount(chunk.samples(), hits, kernel.name());
    }
}

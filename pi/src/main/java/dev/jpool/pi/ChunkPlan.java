package dev.jpool.pi;

import java.util.ArrayList;
import java.util.List;

/** Splits a run into contiguous chunks of blocks whose sizes differ by at most one block. */
public final class ChunkPlan {
    private ChunkPlan() {
    }

    /** {@code parts} chunks covering every block of the run exactly once, in order. */
    public static List<PiChunk> split(long seed, long samples, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, was " + parts);
        }
        long blocks = MonteCarloPi.blocks(samples);
        long base = blocks / parts;
        long extra = blocks % parts;
        List<PiChunk> chunks = new ArrayList<>(parts);
        long first = 0;
        for (int i = 0; i < parts; i++) {
            long count = base + (i < extra ? 1 : 0);
            chunks.add(new PiChunk(seed, samples, first, count));
            first += count;
        }
        return List.copyOf(chunks);
    }
}

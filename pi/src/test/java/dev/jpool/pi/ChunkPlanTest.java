package dev.jpool.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {
    @Test
    void chunksCoverEveryBlockExactlyOnceInOrderAndAreBalanced() {
        long[] sampleCounts = {1, 65_535, 65_536, 65_537, 1_000_000, 10_000_000_019L, 1_000_000_000_000_000L};
        for (long samples : sampleCounts) {
            for (int parts = 1; parts <= 70; parts++) {
                List<PiChunk> chunks = ChunkPlan.split(5, samples, parts);
                assertEquals(parts, chunks.size());
                long next = 0;
                long drawn = 0;
                long smallest = Long.MAX_VALUE;
                long largest = 0;
                for (PiChunk chunk : chunks) {
                    assertEquals(next, chunk.firstBlock(), "chunks are contiguous");
                    next += chunk.blockCount();
                    drawn += chunk.samples();
                    smallest = Math.min(smallest, chunk.blockCount());
                    largest = Math.max(largest, chunk.blockCount());
                }
                assertEquals(MonteCarloPi.blocks(samples), next, "every block, once");
                assertEquals(samples, drawn, "every sample, once");
                assertTrue(largest - smallest <= 1, "sizes differ by at most one block");
            }
        }
    }

    @Test
    void moreWorkersThanBlocksGivesEmptyChunks() {
        List<PiChunk> chunks = ChunkPlan.split(1, 10, 3);
        assertEquals(10, chunks.get(0).samples());
        assertEquals(0, chunks.get(1).samples());
        assertEquals(0, chunks.get(2).samples());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunkPlan.split(1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new PiChunk(1, 10, 0, 2));
    }
}

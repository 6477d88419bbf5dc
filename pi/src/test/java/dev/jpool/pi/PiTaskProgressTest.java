package dev.jpool.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.task.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PiTask reports as it goes, a slice of blocks at a time, and slicing changes no hit count. */
class PiTaskProgressTest {
    @Test
    void progressRisesToTheTotalAndTheHitsAreThoseOfTheWholeRange() {
        // 2.5 slices of blocks, the last block short: three reports
        long samples = (PiTask.SLICE_BLOCKS * 5 / 2) * MonteCarloPi.BLOCK_SAMPLES - 12_345;
        PiChunk chunk = ChunkPlan.split(42, samples, 1).get(0);
        List<long[]> reports = new ArrayList<>();
        PiCount count;
        try (var binding = TaskProgress.bind((done, total) -> reports.add(new long[] {done, total}))) {
            count = new PiTask().apply(chunk);
        }
        assertEquals(3, reports.size());
        long previous = 0;
        for (long[] report : reports) {
            assertEquals(samples, report[1], "total");
            assertTrue(report[0] > previous, "rises: " + report[0] + " after " + previous);
            previous = report[0];
        }
        assertEquals(PiTask.SLICE_BLOCKS * MonteCarloPi.BLOCK_SAMPLES, reports.get(0)[0], "a slice of blocks first");
        assertEquals(samples, previous, "ends at the total");
        long whole = new ScalarPiKernel().hits(chunk.seed(), chunk.totalSamples(), chunk.firstBlock(), chunk.blockCount());
        assertEquals(whole, count.hits());
        assertEquals(samples, count.samples());
    }

    @Test
    void aChunkOfOneSliceReportsOnceAtItsEnd() {
        PiChunk chunk = ChunkPlan.split(7, 1_000_000, 2).get(1);
        List<Long> done = new ArrayList<>();
        try (var binding = TaskProgress.bind((d, total) -> done.add(d))) {
            new PiTask().apply(chunk);
        }
        assertEquals(List.of(chunk.samples()), done);
    }
}

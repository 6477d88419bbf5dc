package dev.jpool.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonteCarloPiTest {
    /** xoshiro256++ written plainly from the paper, one state object per stream. */
    private static final class Reference {
        private long s0;
        private long s1;
        private long s2;
        private long s3;

        Reference(long s0, long s1, long s2, long s3) {
            this.s0 = s0;
            this.s1 = s1;
            this.s2 = s2;
            this.s3 = s3;
        }

        long next() {
            long result = Long.rotateLeft(s0 + s3, 23) + s0;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Long.rotateLeft(s3, 45);
            return result;
        }
    }

    /** The layout as documented, sample by sample: sample j of a block is drawn by stream j % 8. */
    private static long referenceHits(long seed, long samples) {
        long hits = 0;
        for (long block = 0; block < MonteCarloPi.blocks(samples); block++) {
            Reference[] streams = new Reference[MonteCarloPi.STREAMS_PER_BLOCK];
            for (int s = 0; s < streams.length; s++) {
                streams[s] = new Reference(MonteCarloPi.streamSeed(seed, block, s, 0),
                        MonteCarloPi.streamSeed(seed, block, s, 1), MonteCarloPi.streamSeed(seed, block, s, 2),
                        MonteCarloPi.streamSeed(seed, block, s, 3));
            }
            int n = MonteCarloPi.blockSamples(samples, block);
            for (int j = 0; j < n; j++) {
                long out = streams[j % streams.length].next();
                double x = (out >>> 33) / (double) (1L << 31);
                double y = (out & 0x7FFF_FFFFL) / (double) (1L << 31);
                hits += x * x + y * y < 1.0 ? 1 : 0;
            }
        }
        return hits;
    }

    @Test
    void xoshiroMatchesThePublishedAlgorithm() {
        // state {1, 2, 3, 4}: first output is rotl(1 + 4, 23) + 1
        assertEquals(41943041L, new Reference(1, 2, 3, 4).next());
        assertEquals(1, ScalarPiKernel.streamHits(1, 2, 3, 4, 1), "41943041 is x = 0, y = 41943041: a hit");
    }

    @Test
    void splitMixMatchesSplittableRandom() {
        // SplittableRandom(seed).nextLong() is mix64(seed + GOLDEN_GAMMA): our output 0
        for (long seed : new long[] {0, 1, 42, -7, 20201117}) {
            assertEquals(new java.util.SplittableRandom(seed).nextLong(), SplitMix64.output(seed, 0));
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1", "7,1", "8,20201117", "9,42", "65535,3", "65536,3", "65537,3", "200003,20201117", "300000,-1"})
    void theKernelCountsWhatTheDocumentedLayoutDefines(long samples, long seed) {
        long kernel = new ScalarPiKernel().hits(seed, samples, 0, MonteCarloPi.blocks(samples));
        assertEquals(referenceHits(seed, samples), kernel);
    }

    @Test
    void anyChunkingGivesTheSameHits() {
        long samples = 1_000_003;
        long seed = 99;
        long whole = new PiTask().apply(ChunkPlan.split(seed, samples, 1).get(0)).hits();
        for (int parts = 2; parts <= 20; parts++) {
            long sum = 0;
            long drawn = 0;
            for (PiChunk chunk : ChunkPlan.split(seed, samples, parts)) {
                PiCount count = new PiTask().apply(chunk);
                sum += count.hits();
                drawn += count.samples();
            }
            assertEquals(whole, sum, "hits with " + parts + " chunks");
            assertEquals(samples, drawn, "samples with " + parts + " chunks");
        }
    }

    @Test
    void theEstimateIsNearPi() {
        long samples = 4_000_000;
        long hits = new ScalarPiKernel().hits(1, samples, 0, MonteCarloPi.blocks(samples));
        double pi = MonteCarloPi.estimate(hits, samples);
        double se = MonteCarloPi.standardError(hits, samples);
        assertTrue(Math.abs(pi - Math.PI) < 5 * se, () -> "pi " + pi + " vs standard error " + se);
        assertTrue(se > 0.0007 && se < 0.0009, () -> "standard error " + se);
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        long samples = 1_000_000;
        List<Long> hits = List.of(1L, 2L, 3L).stream()
                .map(seed -> new ScalarPiKernel().hits(seed, samples, 0, MonteCarloPi.blocks(samples))).toList();
        assertEquals(3, hits.stream().distinct().count(), hits.toString());
    }
}

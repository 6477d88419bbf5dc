package dev.jpool.launcher.run;

import dev.jpool.pool.ProcessPoolOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.run.CrossoverSearch.Crossover;
import dev.jpool.launcher.run.CrossoverSearch.Trial;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search with real runners at small sizes. */
class CrossoverSearchTest {
    private static List<Long> grown(CrossoverSearch.Result result) {
        return result.trials().stream().filter(t -> t.step().equals("grow")).map(Trial::samples).toList();
    }

    /**
     * On a quiet machine with two cores threads win below 1e8 darts and the bisection runs; on a
     * loaded one they may not. Either way what the search reports must be what it measured.
     */
    @Test
    void theReportedCrossoverIsASizeWhereThreadsWereMeasuredFasterAndSizesGrowTenfold() throws Exception {
        CrossoverSearch.Result result = new CrossoverSearch(List.of(new SerialRunner(), new ThreadRunner()))
                .run(new CrossoverSearch.Settings(2, 20201117, 1_000, 100_000_000, 3, List.of(Mode.THREAD)));
        List<Long> grown = grown(result);
        for (int i = 1; i < grown.size(); i++) {
            assertEquals(grown.get(i - 1) * CrossoverSearch.GROWTH, grown.get(i), "grows x10: " + grown);
        }
        Crossover threads = result.crossovers().get(0);
        if (!threads.reached()) {
            assertEquals(List.of(1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L), grown,
                    "grew to the maximum");
            assertTrue(result.trials().stream().noneMatch(t -> t.beatsSerial(Mode.THREAD)),
                    "never reached means never measured faster: " + result.trials());
            assertEquals(100_000_000L, threads.lostAt());
            return;
        }
        Trial won = threads.won();
        assertTrue(won.medianNanos().get(Mode.THREAD) < won.medianNanos().get(Mode.SERIAL), won.toString());
        assertTrue(result.trials().contains(won), "the reported size is one that was measured");
        assertEquals(grown.get(grown.size() - 1), result.trials().stream().filter(t -> t.step().equals("grow")
                && t.beatsSerial(Mode.THREAD)).findFirst().orElseThrow().samples(), "growing stopped at the first win");
        if (threads.lostAt() != null) {
            assertTrue(threads.lostAt() < won.samples());
            assertTrue(won.samples() <= threads.lostAt() * CrossoverSearch.TOLERANCE
                    || result.trials().stream().filter(t -> t.step().startsWith("bisect")).count()
                    >= CrossoverSearch.MAX_BISECTIONS, "bisected to within the tolerance: " + result.trials());
            Trial lost = result.trials().stream().filter(t -> t.samples() == threads.lostAt()).findFirst().orElseThrow();
            assertFalse(lost.beatsSerial(Mode.THREAD), "at the losing size threads were measured slower: " + lost);
        }
        for (Trial trial : result.trials()) {
            if (trial.step().startsWith("bisect")) {
                assertTrue(trial.samples() > grown.get(0) && trial.samples() < grown.get(grown.size() - 1));
            }
        }
    }

    @Test
    void processesThatNeverWinBelowTheMaximumAreReportedSo() throws Exception {
        PiRunner processes = new ProcessRunner(ProcessPoolOptions.workers(1).withWorkerStderr(line -> { }), line -> { });
        CrossoverSearch.Result result = new CrossoverSearch(List.of(new SerialRunner(), processes))
                .run(new CrossoverSearch.Settings(2, 1, 1_000, 5_000, 1, List.of(Mode.PROCESS)));
        assertEquals(List.of(1_000L, 5_000L), grown(result), "x10, but not past the maximum: the maximum itself");
        Crossover c = result.crossovers().get(0);
        assertFalse(c.reached(), "a JVM cannot start in the microseconds 5,000 darts take: " + result.trials());
        assertEquals(5_000L, c.lostAt());
        for (Trial trial : result.trials()) {
            assertNotNull(trial.medianNanos().get(Mode.SERIAL));
            assertNotNull(trial.medianNanos().get(Mode.PROCESS));
        }
    }
}

package dev.jpool.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up runs the real serial and thread runners before anything is measured. */
class WarmUpTest {
    /** A real runner that also notes what it was asked to run. */
    private record Noting(PiRunner runner, List<String> log) implements PiRunner {
        @Override
        public Mode mode() {
            return runner.mode();
        }

        @Override
        public PiRun run(long samples, long seed, int workers) throws InterruptedException {
            log.add(mode().label() + " " + samples + " x" + workers);
            return runner.run(samples, seed, workers);
        }
    }

    @Test
    void serialRunsUntilItsTimesSettleThenThreadsOnceOnAtMostTheStudysSamples() throws InterruptedException {
        List<String> log = new ArrayList<>();
        int runs = WarmUp.launcherModes(new Noting(new SerialRunner(), log), new Noting(new ThreadRunner(), log),
                2_000_000, 7, 3);
        assertTrue(runs >= WarmUp.MIN_RUNS && runs <= WarmUp.MAX_RUNS, runs + " runs");
        assertEquals(runs + 1, log.size(), log.toString());
        for (int i = 0; i < runs; i++) {
            assertEquals("serial 2000000 x1", log.get(i));
        }
        assertEquals("thread 2000000 x3", log.get(runs));
    }

    @Test
    void aScalingStudyWarmsUpBeforeItsFirstMeasuredSerialRun() throws InterruptedException {
        List<String> log = new ArrayList<>();
        List<PiRun> runs = new ScalingStudy(List.of(new Noting(new SerialRunner(), log),
                new Noting(new ThreadRunner(), log))).run(new ScalingStudy.Plan(1_000_000, 7, List.of(1, 2),
                List.of(Mode.THREAD), 1));
        assertEquals(3, runs.size(), "serial, thread 1, thread 2; the warm-up is not among them");
        int measured = log.size() - 3;
        assertTrue(measured >= WarmUp.MIN_RUNS + 1, "warm-up runs came first: " + log);
        assertEquals("thread 1000000 x2", log.get(measured - 1), "threads warmed with the most workers: " + log);
    }
}

package dev.jpool.launcher.run;

import dev.jpool.pool.ProcessPoolOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every runner passes each worker's progress on, rising to that worker's share of the samples. */
class RunProgressTest {
    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachWorkersProgressRisesToItsShare(Mode mode) throws Exception {
        Map<Integer, List<long[]>> heard = new ConcurrentHashMap<>();
        RunProgress progress = (worker, done, total) ->
                heard.computeIfAbsent(worker, w -> new CopyOnWriteArrayList<>()).add(new long[] {done, total});
        PiRunner runner = switch (mode) {
            case SERIAL -> new SerialRunner(progress);
            case THREAD -> new ThreadRunner(progress);
            case PROCESS -> new ProcessRunner(ProcessPoolOptions.workers(1).withWorkerStderr(line -> { }), line -> { }, false,
                    progress);
        };
        int workers = mode == Mode.SERIAL ? 1 : 2;
        PiRun run = runner.run(250_000_000, 11, workers);
        assertEquals(workers, heard.size(), "every worker reported");
        for (WorkerTiming worker : run.workers()) {
            List<long[]> reports = heard.get(worker.index());
            long previous = -1;
            for (long[] report : reports) {
                assertEquals(worker.samples(), report[1], "total is the worker's share");
                assertTrue(report[0] > previous, "rising");
                previous = report[0];
            }
            assertEquals(worker.samples(), previous, "ends at the share");
        }
    }
}

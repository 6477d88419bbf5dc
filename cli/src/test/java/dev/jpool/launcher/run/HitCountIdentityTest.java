package dev.jpool.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jpool.pool.ProcessPoolOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule 1: the same seed and samples give the same hits in every mode, with any worker count. */
class HitCountIdentityTest {
    private static final long SAMPLES = 2_000_003; // 31 blocks, the last one short

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20201117, 1, -8_765_432_109L})
    void everyModeAndWorkerCountGivesTheSerialHitCount(long seed) throws Exception {
        List<String> stderr = new java.util.concurrent.CopyOnWriteArrayList<>();
        PiRunner process = new ProcessRunner(ProcessPoolOptions.workers(1).withWorkerStderr(stderr::add), line -> { });
        long serial = new SerialRunner().run(SAMPLES, seed, 1).hits();
        for (int workers = 1; workers <= 4; workers++) {
            PiRun threads = new ThreadRunner().run(SAMPLES, seed, workers);
            PiRun processes = process.run(SAMPLES, seed, workers);
            assertEquals(serial, threads.hits(), "threads, " + workers + " workers");
            assertEquals(serial, processes.hits(), "processes, " + workers + " workers");
            assertEquals(workers, processes.workers().size());
            assertEquals(SAMPLES, processes.workers().stream().mapToLong(WorkerTiming::samples).sum());
        }
        assertEquals(List.of(), stderr, "the workers had nothing to complain about");
    }
}

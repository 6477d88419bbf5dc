package dev.jpool.launcher.run;

import dev.jpool.host.HostName;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import dev.jpool.pool.PoolException;
import dev.jpool.pool.ThreadPool;
import dev.jpool.task.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks on a {@link ThreadPool} of N threads in this JVM, one chunk per thread: the same
 * Pool API and the same task as the process runner, but shared memory and no pipes.
 */
public final class ThreadRunner implements PiRunner {
    /** A chunk's count and where and when a pool thread ran it. */
    private record Timed(PiCount count, String thread, long startedNanos, long endedNanos) {
    }

    /** Runs {@link PiTask} and notes the thread and the clock around it. */
    private static final class TimedPiTask implements Task<PiChunk, Timed> {
        private final PiTask task = new PiTask();

        @Override
        public Timed apply(PiChunk chunk) {
            long started = System.nanoTime();
            PiCount count = task.apply(chunk);
            return new Timed(count, Thread.currentThread().getName(), started, System.nanoTime());
        }
    }

    @Override
    public Mode mode() {
        return Mode.THREAD;
    }

    @Override
    public PiRun run(long samples, long seed, int workers) {
        List<PiChunk> chunks = ChunkPlan.split(seed, samples, workers);
        long t0 = System.nanoTime();
        ThreadPool pool = new ThreadPool(workers);
        try {
            long poolStarted = System.nanoTime();
            List<Timed> done = pool.map(new TimedPiTask(), chunks, 1);
            long joined = System.nanoTime();
            pool.close();
            long end = System.nanoTime();
            long hits = 0;
            List<WorkerTiming> timings = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Timed d = done.get(i);
                hits += d.count().hits();
                timings.add(new WorkerTiming(i, d.thread(), null, HostName.node(), d.count().samples(),
                        d.count().hits(), poolStarted - t0, d.startedNanos() - poolStarted,
                        d.endedNanos() - d.startedNanos(), joined - d.endedNanos(), end - joined, null));
            }
            return new PiRun(Mode.THREAD, samples, seed, hits, end - t0, done.get(0).count().kernel(), timings,
                    ProcessHandle.current().pid(), LauncherMemory.peakRssKib(), List.of(), workers);
        } catch (PoolException e) {
            throw new RunFailedException("a thread failed: " + e.getMessage(), e);
        } finally {
            pool.terminate();
        }
    }
}

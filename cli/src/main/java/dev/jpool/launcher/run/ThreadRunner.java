package dev.jpool.launcher.run;

import dev.jpool.host.HostName;
import dev.jpool.host.PeakRss;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import dev.jpool.pool.PoolException;
import dev.jpool.pool.PoolOptions;
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

    private final RunProgress progress;

    public ThreadRunner() {
        this(RunProgress.NONE);
    }

    /** @param progress hears each thread's progress through its chunk */
    public ThreadRunner(RunProgress progress) {
        this.progress = progress;
    }

    @Override
    public Mode mode() {
        return Mode.THREAD;
    }

    @Override
    public PiRun run(long samples, long seed, int workers) {
        List<PiChunk> chunks = ChunkPlan.split(seed, samples, workers);
        long t0 = System.nanoTime();
        ThreadPool pool = new ThreadPool(PoolOptions.workers(workers).withProgress(progress::progress));
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
                List<Span> spans = new Timeline(t0).add(Timeline.POOL_START, t0, poolStarted)
                        .add(Timeline.QUEUE_WAIT, poolStarted, d.startedNanos())
                        .add(Timeline.COMPUTE, d.startedNanos(), d.endedNanos())
                        .add(Timeline.JOIN, d.endedNanos(), joined)
                        .add(Timeline.SHUTDOWN, joined, end).spans();
                timings.add(new WorkerTiming(i, d.thread(), null, HostName.node(), d.count().samples(),
                        d.count().hits(), poolStarted - t0, d.startedNanos() - poolStarted,
                        d.endedNanos() - d.startedNanos(), joined - d.endedNanos(), end - joined, null, spans));
            }
            return new PiRun(Mode.THREAD, samples, seed, hits, end - t0, done.get(0).count().kernel(), timings,
                    ProcessHandle.current().pid(), PeakRss.selfKibOrNull(), List.of(), workers);
        } catch (PoolException e) {
            throw new RunFailedException("a thread failed: " + e.getMessage(), e);
        } finally {
            pool.terminate();
        }
    }
}

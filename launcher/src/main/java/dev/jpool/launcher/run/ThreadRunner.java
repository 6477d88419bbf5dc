package dev.jpool.launcher.run;

import dev.jpool.host.HostName;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import dev.jpool.task.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The chunks on a fixed pool of N threads in this JVM: the same task, shared memory, no pipes. */
public final class ThreadRunner implements PiRunner {
    private record Done(PiCount count, String thread, long startedNanos, long computeNanos, long endedNanos) {
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
    public PiRun run(long samples, long seed, int workers) throws InterruptedException {
        List<PiChunk> chunks = ChunkPlan.split(seed, samples, workers);
        long t0 = System.nanoTime();
        AtomicInteger names = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> new Thread(r, "jpool-thread-" + names.getAndIncrement()));
        try {
            pool.prestartAllCoreThreads();
            long poolStarted = System.nanoTime();
            List<Future<Done>> futures = new ArrayList<>();
            long[] submitted = new long[workers];
            for (int i = 0; i < workers; i++) {
                PiChunk chunk = chunks.get(i);
                int worker = i;
                submitted[i] = System.nanoTime();
                futures.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    PiCount count;
                    try (var binding = TaskProgress.bind((d, total) -> progress.progress(worker, d, total))) {
                        count = new PiTask().apply(chunk);
                    }
                    long ended = System.nanoTime();
                    return new Done(count, Thread.currentThread().getName(), started, ended - started, ended);
                }));
            }
            long[] joined = new long[workers];
            List<Done> done = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                done.add(futures.get(i).get());
                joined[i] = System.nanoTime();
            }
            long joinedAll = System.nanoTime();
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            long end = System.nanoTime();
            long hits = 0;
            List<WorkerTiming> timings = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Done d = done.get(i);
                hits += d.count().hits();
                List<Span> spans = new Timeline(t0).add(Timeline.POOL_START, t0, poolStarted)
                        .add(Timeline.QUEUE_WAIT, submitted[i], d.startedNanos())
                        .add(Timeline.COMPUTE, d.startedNanos(), d.endedNanos())
                        .add(Timeline.JOIN, d.endedNanos(), joined[i])
                        .add(Timeline.SHUTDOWN, joinedAll, end).spans();
                timings.add(new WorkerTiming(i, d.thread(), null, HostName.node(), d.count().samples(),
                        d.count().hits(), poolStarted - t0, d.startedNanos() - submitted[i], d.computeNanos(),
                        joined[i] - d.endedNanos(), end - joinedAll, null, spans));
            }
            return new PiRun(Mode.THREAD, samples, seed, hits, end - t0, done.get(0).count().kernel(), timings,
                    ProcessHandle.current().pid(), LauncherMemory.peakRssKib());
        } catch (ExecutionException e) {
            throw new RunFailedException("a thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

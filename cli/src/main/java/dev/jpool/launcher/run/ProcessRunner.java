package dev.jpool.launcher.run;

import dev.jpool.host.PeakRss;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import dev.jpool.pool.PoolException;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.WorkerHistory.ChunkTiming;
import dev.jpool.pool.WorkerHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The chunks on a {@link ProcessPool} of N fresh worker JVMs, one chunk per worker: the pool is
 * started, {@code map}ped and closed inside the timed run, so its wall time includes what a process
 * costs, from spawn to exit. The per-worker phases come from the pool's {@link WorkerHistory}.
 */
public final class ProcessRunner implements PiRunner {
    private final ProcessPoolOptions options;
    private final Consumer<String> diagnostics;
    private final boolean chaos;
    private final RunProgress progress;

    /**
     * @param options     how the pool starts its workers (its worker count is set per run)
     * @param diagnostics receives a line when the workers have started and when they are computing
     */
    public ProcessRunner(ProcessPoolOptions options, Consumer<String> diagnostics) {
        this(options, diagnostics, false);
    }

    /**
     * As above; with {@code chaos}, one worker is killed mid-run to show the recovery, and
     * {@code progress} hears each worker's progress through its chunk.
     */
    public ProcessRunner(ProcessPoolOptions options, Consumer<String> diagnostics, boolean chaos, RunProgress progress) {
        this.options = options.withProgress(progress::progress);
        this.diagnostics = diagnostics;
        this.chaos = chaos;
        this.progress = progress;
    }

    /** As above, without chaos and without progress. */
    public ProcessRunner(ProcessPoolOptions options, Consumer<String> diagnostics, boolean chaos) {
        this(options, diagnostics, chaos, RunProgress.NONE);
    }

    @Override
    public Mode mode() {
        return Mode.PROCESS;
    }

    @Override
    public PiRun run(long samples, long seed, int workers) {
        List<PiChunk> chunks = ChunkPlan.split(seed, samples, workers);
        long t0 = System.nanoTime();
        Chaos kill = chaos ? new Chaos() : null;
        ProcessPool pool = new ProcessPool(kill == null ? options.withWorkers(workers)
                : options.withWorkers(workers).withProgress((first, done, total) -> {
                    progress.progress(first, done, total);
                    kill.progress(done, total);
                }));
        try {
            diagnostics.accept(workers + " worker JVM" + (workers == 1 ? "" : "s") + " started ("
                    + (options.launchPrefix().isEmpty() ? "" : "through " + Path.of(options.launchPrefix().get(0)).getFileName() + ", ")
                    + "pid " + pool.history().stream().map(w -> String.valueOf(w.pid())).collect(Collectors.joining(", ")) + ")");
            pool.ready().thenRun(() -> diagnostics.accept("every worker JVM said hello; they are computing ("
                    + pool.history().stream().map(ProcessRunner::where).collect(Collectors.joining(", ")) + ")"));
            if (kill != null) {
                kill.arm(pool);
            }
            // One chunk per worker, as the tutorial maps NUM_PROCS chunks: wait until every worker is
            // up, or one that started early would take the chunk of one still starting.
            try {
                pool.ready().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof PoolException pool0 ? pool0 : new PoolException(e.getMessage(), e);
            }
            List<PiCount> counts = pool.map(new PiTask(), chunks, 1);
            if (kill != null && !kill.done()) {
                diagnostics.accept("chaos: no worker reported progress before its chunk was done (a worker reports"
                        + " after about 1e8 samples); none was killed: give it more --samples");
            }
            pool.close();
            long wall = System.nanoTime() - t0;
            return result(samples, seed, workers, counts, pool, t0, wall);
        } catch (PoolException e) {
            throw new RunFailedException(e.getMessage(), e);
        } finally {
            pool.terminate();
        }
    }

    /**
     * {@code --chaos kill-one}, for teaching: as soon as a worker reports its first progress
     * (it is computing, whatever the machine's load), one of the workers still on their first
     * chunk, chosen at random, is killed with SIGKILL; its chunk is re-run and the hit count
     * does not change. Once per run.
     */
    private final class Chaos {
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ProcessPool pool;

        void arm(ProcessPool pool) {
            this.pool = pool;
        }

        boolean done() {
            return fired.get();
        }

        /** Called on a worker's reader thread for every progress report of the run. */
        void progress(long done, long total) {
            ProcessPool armed = pool;
            if (armed == null || done >= total || !fired.compareAndSet(false, true)) {
                return;
            }
            List<Long> alive = armed.pids();
            List<Long> computing = armed.history().stream()
                    .filter(w -> w.chunks().isEmpty() && alive.contains(w.pid())).map(WorkerHistory::pid).toList();
            if (computing.isEmpty()) {
                computing = alive; // started through a prefix (srun): the pids we hold are not the JVMs'
            }
            if (computing.isEmpty()) {
                return;
            }
            long victim = computing.get(ThreadLocalRandom.current().nextInt(computing.size()));
            diagnostics.accept("chaos: killing worker pid " + victim + " with SIGKILL");
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * The worker's phases on the launcher's clock, from its history. The worker stamps when it
     * read a chunk and when it sent the result, and how long the task ran; the task ran just
     * before the result was sent, so "prepare" is the rest: handing the chunk to the task thread,
     * loading the task's class, decoding its input.
     */
    private static List<Span> spans(long t0, WorkerHistory worker, long hello, long lastAnswer, long exit) {
        Timeline timeline = new Timeline(t0).add(Timeline.JVM_START, worker.spawnNanos(), hello);
        for (ChunkTiming chunk : worker.chunks()) {
            long computeStart = chunk.answeredNanos() - chunk.computeNanos();
            timeline.add(Timeline.RECEIVE, chunk.sentNanos(), chunk.receivedNanos())
                    .add(Timeline.PREPARE, chunk.receivedNanos(), computeStart)
                    .add(Timeline.COMPUTE, computeStart, chunk.answeredNanos())
                    .add(Timeline.SEND, chunk.answeredNanos(), chunk.arrivedNanos());
        }
        return timeline.add(Timeline.EXIT, lastAnswer, exit).spans();
    }

    /** "pid 1234 on node1 (step 3)": where a worker JVM runs, as its hello says. */
    private static String where(WorkerHistory worker) {
        return "pid " + worker.pid() + " on " + worker.node()
                + (worker.slurmStep() == null ? "" : " (step " + worker.slurmStep() + ")");
    }

    private static PiRun result(long samples, long seed, int workers, List<PiCount> counts, ProcessPool pool,
                                long t0, long wall) {
        long hits = counts.stream().mapToLong(PiCount::hits).sum();
        List<WorkerTiming> timings = new ArrayList<>();
        for (WorkerHistory worker : pool.history()) {
            long workerSamples = 0;
            long workerHits = 0;
            long send = 0;
            long compute = 0;
            long collect = 0;
            for (ChunkTiming chunk : worker.chunks()) {
                PiCount count = counts.get(chunk.firstInput());
                workerSamples += count.samples();
                workerHits += count.hits();
                send += Math.max(0, chunk.receivedNanos() - chunk.sentNanos());
                compute += chunk.computeNanos();
                collect += Math.max(0, chunk.arrivedNanos() - chunk.answeredNanos());
            }
            long hello = worker.helloNanos() != null ? worker.helloNanos() : worker.spawnNanos();
            long lastAnswer = worker.chunks().isEmpty() ? hello
                    : worker.chunks().get(worker.chunks().size() - 1).arrivedNanos();
            long exit = worker.exitNanos() != null ? worker.exitNanos() : lastAnswer;
            timings.add(new WorkerTiming(worker.index(), "pid " + worker.pid(), worker.pid(), worker.node(),
                    worker.slurmStep(), workerSamples, workerHits, hello - worker.spawnNanos(), send, compute, collect,
                    Math.max(0, exit - lastAnswer), worker.peakRssKib(), spans(t0, worker, hello, lastAnswer, exit)));
        }
        return new PiRun(Mode.PROCESS, samples, seed, hits, wall, counts.get(0).kernel(), timings,
                ProcessHandle.current().pid(), PeakRss.selfKibOrNull(), pool.retries(), workers);
    }
}

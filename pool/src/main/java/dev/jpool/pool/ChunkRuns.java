package dev.jpool.pool;

import dev.jpool.process.Answer;
import dev.jpool.process.WorkerProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs a process pool's chunks on its workers and deals with how each ends: answered (its outputs
 * or what its task threw, either way the chunk's answer), its worker dead before it answered
 * (retried, requeued or failed, as the {@link Scheduler} decides), or past the task timeout (its
 * worker ended). Decided under the pool's lock, done outside it.
 */
final class ChunkRuns {
    private final ProcessPoolOptions options;
    private final Object lock;
    /** Guarded by the lock, as the retries. */
    private final Scheduler<WorkerSlot> scheduler;
    private final List<Retry> retries;
    private final WorkerStarts starts;
    private final PoolControl control;

    ChunkRuns(ProcessPoolOptions options, Object lock, Scheduler<WorkerSlot> scheduler, List<Retry> retries,
              WorkerStarts starts, PoolControl control) {
        this.options = options;
        this.lock = lock;
        this.scheduler = scheduler;
        this.retries = retries;
        this.starts = starts;
        this.control = control;
    }

    /** Sends {@code job} to the worker of {@code seat}, which the scheduler gave it to. */
    void run(Scheduler.Seat<WorkerSlot> seat, ChunkJob job) {
        WorkerProcess process = seat.worker.process;
        job.worker = process.name();
        ChunkProgress progress = options.progress();
        process.submit(job.wire, job.inputs, progress == null ? (done, total) -> { }
                        : (done, total) -> progress.progress(job.first, done, total), job.outputs, at -> watch(seat, job))
                .whenComplete((answer, death) -> {
                    if (death == null) {
                        answered(seat, job, answer);
                    } else {
                        died(seat, job, AbstractPool.poolException(death));
                    }
                });
    }

    /** The worker answered: its outputs or what its task threw, either way the chunk's answer. */
    private void answered(Scheduler.Seat<WorkerSlot> seat, ChunkJob job, Answer answer) {
        boolean recycle;
        synchronized (lock) {
            recycle = scheduler.answered(seat, job, control.terminated());
            if (answer instanceof Answer.Done done) {
                seat.worker.answered(done, job.first, job.size);
            }
        }
        if (!recycle) {
            control.dispatch(); // the worker's next chunk goes out before this one's outputs are read
        }
        job.reply.complete(answer);
        if (recycle) {
            seat.worker.process.shutdown();
            boolean replace;
            synchronized (lock) {
                replace = scheduler.wantsReplacement(control.running());
            }
            if (replace) {
                starts.replace();
            }
            control.dispatch();
        }
    }

    /** The worker died (or was ended, for a timeout or a cancel) before it answered: the chunk may be fine. */
    private void died(Scheduler.Seat<WorkerSlot> seat, ChunkJob job, PoolException failure) {
        WorkerException death;
        Scheduler.AfterDeath after;
        synchronized (lock) {
            death = job.timedOut
                    ? new WorkerException(job.task + " timed out after " + seconds(options.taskTimeout()) + " in "
                            + seat.worker.name() + ", which was ended", failure)
                    : failure instanceof WorkerException worker ? worker : new WorkerException(failure.getMessage(), failure);
            after = scheduler.died(seat, job, control.terminated());
            if (after == Scheduler.AfterDeath.RETRIED) {
                retries.add(new Retry(job.first, job.size, job.attempts, seat.worker.name(), death.getMessage()));
            }
        }
        switch (after) {
            case CANCELLED -> job.reply.completeExceptionally(new CancellationException("cancelled"));
            case FAILED -> job.reply.completeExceptionally(job.attempts > 1
                    ? new WorkerException(death.getMessage() + " (chunk tried " + job.attempts + " times)", death)
                    : death);
            case RETRIED -> {
                if (options.diagnostics() != null) {
                    options.diagnostics().accept("retrying " + NamedInputs.describe(job.names, job.first, job.size) + " (attempt "
                            + (job.attempts + 1) + " of " + (options.retries() + 1) + "): " + AbstractPool.firstLine(death.getMessage()));
                }
            }
            case REQUEUED -> { }
        }
        control.dispatch();
    }

    /**
     * Ends the worker if {@code job}, which it has just started (it was sent to an idle worker, or the
     * answer before it arrived: the JVM's start, the worker's set-up and the wait behind its previous
     * chunk do not count), is still running after the task timeout.
     */
    private void watch(Scheduler.Seat<WorkerSlot> seat, ChunkJob job) {
        if (options.taskTimeout() == null) {
            return;
        }
        PoolTimer.after(options.taskTimeout().toMillis(), () -> {
            synchronized (lock) {
                if (!scheduler.timedOut(seat, job, control.terminated())) {
                    return;
                }
            }
            seat.worker.process.close();
        });
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}

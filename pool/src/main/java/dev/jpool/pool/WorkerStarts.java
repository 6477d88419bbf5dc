package dev.jpool.pool;

import dev.jpool.process.WorkerCommandLine;
import dev.jpool.process.WorkerProcess;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;

/**
 * Starts a process pool's worker JVMs and deals with each one's end: a worker that says hello
 * (and runs the initializer) takes its seat, one that dies is replaced, and one that could never
 * start (a bad JVM option, a missing class: every other would fail the same way) breaks the pool
 * with the worker's own words instead of being started again and again. What each start and end
 * means is decided by the pool's {@link Scheduler} under the pool's lock; the pool is told what to
 * do outside it.
 */
final class WorkerStarts {
    /** A worker JVM that has not said hello by then is taken for one that never will. */
    private static final long HELLO_TIMEOUT_SECONDS = 60;

    private final ProcessPoolOptions options;
    private final WorkerCommandLine commandLine;
    private final Protocol protocol;
    /** The initializer's input as a chunk of one, or null. */
    private final RawJson initializerInput;
    private final Object lock;
    /** Guarded by the lock, as everything below. */
    private final Scheduler<WorkerSlot> scheduler;
    private final WorkerRoster roster;
    private final PoolControl pool;
    private int nextIndex;

    WorkerStarts(ProcessPoolOptions options, WorkerCommandLine commandLine, Protocol protocol, RawJson initializerInput,
                 Object lock, Scheduler<WorkerSlot> scheduler, WorkerRoster roster, PoolControl pool) {
        this.options = options;
        this.commandLine = commandLine;
        this.protocol = protocol;
        this.initializerInput = initializerInput;
        this.lock = lock;
        this.scheduler = scheduler;
        this.roster = roster;
        this.pool = pool;
    }

    /**
     * Starts one worker JVM, returning before it is up.
     *
     * @throws WorkerException when the process cannot be started at all
     */
    void start() {
        Scheduler.Seat<WorkerSlot> seat;
        synchronized (lock) {
            WorkerProcess process = WorkerProcess.start(nextIndex++, commandLine, options.environment(), protocol,
                    options.workerStderr() != null ? options.workerStderr() : System.err::println);
            WorkerSlot slot = new WorkerSlot(process);
            seat = scheduler.started(slot);
            roster.add(slot);
        }
        seat.worker.up(HELLO_TIMEOUT_SECONDS, options.initializer(), initializerInput).whenComplete((ok, failure) -> {
            if (failure == null) {
                boolean allUp;
                synchronized (lock) {
                    allUp = scheduler.hello(seat);
                }
                if (allUp) {
                    pool.allUp();
                }
                pool.dispatch();
            } else if (AbstractPool.poolException(failure) instanceof WorkerSlot.StartFailed why) {
                pool.failStart(why);
            }
            // a death before hello is handled where the channel ends
        });
        seat.worker.process.ended().thenAccept(end -> ended(seat, end));
    }

    /** Starts a worker in place of one that died or was let go, unless the pool was terminated; a failed start breaks the pool. */
    void replace() {
        synchronized (lock) {
            if (pool.terminated()) {
                return;
            }
        }
        try {
            start();
        } catch (WorkerException e) {
            pool.failStart(e);
        }
    }

    /** A worker's channel ended: a clean exit, a death to replace, or a start that failed. */
    private void ended(Scheduler.Seat<WorkerSlot> seat, WorkerException end) {
        Scheduler.AfterEnd after;
        int deathsBeforeHello;
        Integer status = seat.worker.process.exitStatus();
        synchronized (lock) {
            boolean died = seat.worker.process.diedUnexpectedly() && !seat.leaving && !pool.terminated();
            if (died) {
                seat.worker.died(end.getMessage());
            }
            // A JVM that exits by itself before its hello (a bad option, a missing class) will do so every
            // time; one killed by a signal (SIGKILL, a crash) is replaced, as a worker that dies later is.
            after = scheduler.ended(seat, died, status != null && status >= 128, pool.running());
            deathsBeforeHello = scheduler.deathsBeforeHello();
        }
        switch (after) {
            case FAIL_START -> {
                pool.failStart(new WorkerException("a worker JVM could not start: " + end.getMessage()
                        + (status != null && status >= 128
                                ? " (" + deathsBeforeHello + " workers in a row died before their hello)" : ""),
                        end));
                return;
            }
            case REPLACE_START -> {
                if (options.diagnostics() != null) {
                    options.diagnostics().accept("starting another worker JVM in place of one that died before its hello: "
                            + AbstractPool.firstLine(end.getMessage()));
                }
                replace();
            }
            case REPLACE -> replace();
            case NOTHING -> { }
        }
        pool.dispatch();
    }
}

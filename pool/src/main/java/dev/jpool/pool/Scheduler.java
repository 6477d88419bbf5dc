package dev.jpool.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a process pool decides, apart from the processes it decides about: which chunk goes to
 * which worker (one each, then one sent ahead), what becomes of a chunk whose worker died (retried,
 * failed, dropped when cancelled), when a worker is recycled, when a task has timed out, and what
 * a worker's end means (replace it, or give up on a start that keeps failing). A worker is a
 * {@link Seat} holding whatever the pool keeps for it ({@code W}). Not thread-safe: the pool calls
 * it under its lock, and acts on what it returns outside it.
 *
 * @param <W> what the pool keeps for each worker
 */
final class Scheduler<W> {
    /** Chunks a worker may hold at once: the one it runs and one sent ahead. */
    static final int AHEAD = 2;

    /** One worker as the scheduler sees it. */
    static final class Seat<W> {
        final W worker;
        /** Chunks sent to it and not answered, in the order sent: the first is running. */
        final Deque<ChunkJob> jobs = new ArrayDeque<>();
        /** It said hello (and ran the initializer): it may be sent chunks. */
        boolean ready;
        /** It was asked to leave (drained, recycled): it takes nothing more and is not replaced. */
        boolean leaving;
        /** Chunks it answered. */
        int chunksRun;
        /** Once it died: the chunk it was running then (the first it held), or null if it held none. */
        private ChunkJob runningAtDeath;
        private boolean dead;

        Seat(W worker) {
            this.worker = worker;
        }
    }

    /** A chunk to send to a worker. */
    record Send<W>(Seat<W> seat, ChunkJob job) {
    }

    /** What a dispatch decided: chunks to send, and workers to let go (the pool is closed and drained). */
    record Dispatch<W>(List<Send<W>> sends, List<Seat<W>> leaving) {
    }

    /** What becomes of a chunk whose worker died. */
    enum AfterDeath {
        /** Cancelled: it fails with a cancellation. */
        CANCELLED,
        /** Queued again, first, not counted as a try: it never ran (it was sent ahead), or its worker was ended for another's cancel. */
        REQUEUED,
        /** Queued again, first, as another try. */
        RETRIED,
        /** Out of tries (or the pool is terminated): it fails with the death. */
        FAILED
    }

    /** What a worker's end means. */
    enum AfterEnd {
        /** Nothing to do: a clean exit, a worker asked to leave, or nothing left to run. */
        NOTHING,
        /** Start another in its place. */
        REPLACE,
        /** It died before its hello: start another in its place, and say so. */
        REPLACE_START,
        /** Its JVM could not start, or starts keep dying: the pool fails. */
        FAIL_START
    }

    private final int workers;
    private final int retries;
    private final int maxChunksPerWorker;
    private final Deque<ChunkJob> queue = new ArrayDeque<>();
    private final List<Seat<W>> seats = new ArrayList<>();
    private int hellos;
    private int deathsBeforeHello;

    /**
     * @param workers            workers the pool keeps
     * @param retries            runs of a chunk after the first that a worker's death may cost
     * @param maxChunksPerWorker chunks a worker answers before it is recycled; 0 for no limit
     */
    Scheduler(int workers, int retries, int maxChunksPerWorker) {
        this.workers = workers;
        this.retries = retries;
        this.maxChunksPerWorker = maxChunksPerWorker;
    }

    /** A worker just started: it takes chunks once {@link #hello} says it is up. */
    Seat<W> started(W worker) {
        Seat<W> seat = new Seat<>(worker);
        seats.add(seat);
        return seat;
    }

    /** The workers alive now (started and not ended), in the order they started. */
    List<Seat<W>> seats() {
        return seats;
    }

    /** The worker said hello (and ran the initializer); true when that makes as many as the pool has. */
    boolean hello(Seat<W> seat) {
        seat.ready = true;
        deathsBeforeHello = 0;
        return ++hellos == workers;
    }

    void enqueue(ChunkJob job) {
        queue.add(job);
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** Every chunk not answered yet, queued or sent, taken out of the scheduler (the pool is terminated). */
    List<ChunkJob> drain() {
        List<ChunkJob> unfinished = new ArrayList<>(queue);
        queue.clear();
        for (Seat<W> seat : seats) {
            unfinished.addAll(seat.jobs);
        }
        return unfinished;
    }

    /**
     * One chunk to every idle worker first; then, while more chunks wait than there are workers
     * still starting, a second one each, sent ahead so that a worker reads its next chunk while it
     * computes the current one. The first idle worker takes the next chunk: a single call (apply)
     * then finds a worker whose JVM is hot and awake. When {@code closed} and nothing is queued,
     * idle workers are let go.
     */
    Dispatch<W> dispatch(boolean closed) {
        List<Send<W>> sends = new ArrayList<>();
        int starting = 0;
        for (Seat<W> seat : seats) {
            starting += seat.ready ? 0 : 1;
        }
        for (int depth = 1; depth <= AHEAD; depth++) {
            for (Seat<W> seat : seats) {
                boolean wanted = depth == 1 ? !queue.isEmpty() : queue.size() > starting;
                if (wanted && seat.ready && seat.jobs.size() < depth && !seat.leaving && mayTakeMore(seat)) {
                    ChunkJob job = queue.poll();
                    seat.jobs.add(job);
                    sends.add(new Send<>(seat, job));
                }
            }
        }
        List<Seat<W>> leaving = new ArrayList<>();
        if (closed && queue.isEmpty()) {
            for (Seat<W> seat : seats) {
                if (seat.jobs.isEmpty() && !seat.leaving) {
                    seat.leaving = true;
                    leaving.add(seat);
                }
            }
        }
        return new Dispatch<>(sends, leaving);
    }

    /** Whether another chunk may be sent before the worker reaches its limit of chunks. */
    private boolean mayTakeMore(Seat<W> seat) {
        return maxChunksPerWorker == 0 || seat.chunksRun + seat.jobs.size() < maxChunksPerWorker;
    }

    /**
     * The worker answered {@code job} (its outputs, or what its task threw). True when the worker
     * is now to be recycled (it has answered as many chunks as a worker may); it is then leaving.
     */
    boolean answered(Seat<W> seat, ChunkJob job, boolean terminated) {
        remove(seat, job);
        seat.chunksRun++;
        return recycle(seat, terminated);
    }

    /** The worker died (or was ended) holding {@code job}: what becomes of the chunk. */
    AfterDeath died(Seat<W> seat, ChunkJob job, boolean terminated) {
        if (!seat.dead) {
            // Its chunks come here one by one: the one running is the one that was first when it died,
            // not the next one sent ahead, which is first once the running one is taken off.
            seat.dead = true;
            seat.runningAtDeath = seat.jobs.peekFirst();
        }
        remove(seat, job);
        if (job.cancelled) {
            return AfterDeath.CANCELLED;
        }
        if (terminated) {
            return AfterDeath.FAILED;
        }
        if (job != seat.runningAtDeath || job.bystander) {
            // Sent ahead, it never ran; or it ran beside a chunk whose cancel ended the worker: not its fault.
            job.bystander = false;
            queue.addFirst(job);
            return AfterDeath.REQUEUED;
        }
        job.attempts++;
        if (job.attempts <= retries) {
            job.timedOut = false;
            queue.addFirst(job);
            return AfterDeath.RETRIED;
        }
        return AfterDeath.FAILED;
    }

    /** Takes {@code job} off the worker (the usual case: answers come in order, the first first). */
    private void remove(Seat<W> seat, ChunkJob job) {
        if (seat.jobs.peekFirst() == job) {
            seat.jobs.pollFirst();
        } else {
            seat.jobs.remove(job);
        }
    }

    private boolean recycle(Seat<W> seat, boolean terminated) {
        if (maxChunksPerWorker > 0 && seat.chunksRun >= maxChunksPerWorker && !terminated && !seat.leaving) {
            seat.leaving = true;
            return true;
        }
        return false;
    }

    /** The task timeout of {@code job} fired: true if it still runs on the worker, which is then to be ended. */
    boolean timedOut(Seat<W> seat, ChunkJob job, boolean terminated) {
        if (seat.jobs.peekFirst() != job || job.reply.isDone() || terminated) {
            return false;
        }
        job.timedOut = true;
        return true;
    }

    /** What a cancel found: the chunk (null if none is known), and the seat whose worker is to be ended (or null). */
    record Cancel<W>(ChunkJob job, Seat<W> toEnd) {
    }

    /**
     * A cancel of the chunk whose outputs are {@code result}: a queued one is dropped, one sent is
     * marked (it fails as cancelled when its worker ends). When {@code interrupt} and the chunk is
     * running, its worker is to be ended, and the chunks sent ahead to it are bystanders, to run
     * again elsewhere.
     */
    Cancel<W> cancel(CompletableFuture<?> result, boolean interrupt) {
        ChunkJob found = null;
        for (ChunkJob job : queue) {
            if (job.result == result) {
                found = job;
            }
        }
        if (found != null) {
            queue.remove(found);
        }
        Seat<W> running = null;
        for (Seat<W> seat : seats) {
            for (ChunkJob job : seat.jobs) {
                if (job.result == result) {
                    job.cancelled = true;
                    found = job;
                    running = interrupt && seat.jobs.peekFirst() == job ? seat : null; // one sent ahead just runs
                }
            }
            if (running == seat) {
                seat.jobs.forEach(job -> job.bystander = job.result != result);
            }
        }
        return new Cancel<>(found, running);
    }

    /**
     * The worker's channel ended. {@code died}: without a bye, while the pool was not terminated
     * and the worker was not leaving; {@code signalled}: its exit status says a signal ended it (a
     * kill, a crash), as opposed to a JVM that exited by itself, which would do so every time.
     */
    AfterEnd ended(Seat<W> seat, boolean died, boolean signalled, boolean running) {
        seats.remove(seat);
        if (died && !seat.ready && (!signalled || ++deathsBeforeHello > retries)) {
            return AfterEnd.FAIL_START;
        }
        if (died && !seat.ready && wantsReplacement(running)) {
            return AfterEnd.REPLACE_START;
        }
        if (died && (wantsReplacement(running) || !seat.jobs.isEmpty())) {
            return AfterEnd.REPLACE; // its chunks may come back for a retry even when the pool is closing
        }
        return AfterEnd.NOTHING;
    }

    /** Workers that died before their hello since the last hello. */
    int deathsBeforeHello() {
        return deathsBeforeHello;
    }

    /** Whether a worker that left (recycled, or dead holding nothing) is worth starting again: work may still come, or waits. */
    boolean wantsReplacement(boolean running) {
        return running || !queue.isEmpty();
    }
}

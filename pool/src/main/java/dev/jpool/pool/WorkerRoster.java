package dev.jpool.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every worker a process pool has started, replacements included, in the order started: what
 * {@code history()} reports and what the waits for the workers' exit wait for. A replacement
 * may be started while the last workers leave, so a wait looks again until no new one came.
 */
final class WorkerRoster {
    private final List<WorkerSlot> workers = new ArrayList<>();

    synchronized void add(WorkerSlot slot) {
        workers.add(slot);
    }

    synchronized List<WorkerSlot> all() {
        return List.copyOf(workers);
    }

    synchronized boolean allExited() {
        return workers.stream().allMatch(slot -> slot.process.exitNanos().isDone());
    }

    /** Waits until every worker, those started meanwhile too, has exited. */
    void joinAll() {
        List<WorkerSlot> seen;
        do {
            seen = all();
            seen.forEach(slot -> slot.process.exitNanos().join());
        } while (all().size() != seen.size());
    }

    /** As {@link #joinAll()}, for at most {@code nanos} from {@code start}; false if time ran out. */
    boolean awaitAll(long start, long nanos) throws InterruptedException {
        List<WorkerSlot> seen;
        try {
            do {
                seen = all();
                CompletableFuture.allOf(seen.stream().map(slot -> slot.process.exitNanos()).toArray(CompletableFuture[]::new))
                        .get(Math.max(0, start + nanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (all().size() != seen.size());
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return allExited();
        }
    }
}

package dev.jpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.pool.Scheduler.AfterDeath;
import dev.jpool.pool.Scheduler.AfterEnd;
import dev.jpool.pool.Scheduler.Seat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The process pool's decisions, with no process in sight: workers are names, chunks are numbers. */
class SchedulerTest {
    private static ChunkJob chunk(int first) {
        ChunkJob job = new ChunkJob("Task", "Task", null, 1, first, null, i -> "input #" + i);
        job.result = new CompletableFuture<>();
        return job;
    }

    private static Scheduler<String> scheduler(int workers, int retries, int maxChunks) {
        return new Scheduler<>(workers, retries, maxChunks);
    }

    /** A worker that has started and said hello. */
    private static Seat<String> up(Scheduler<String> scheduler, String name) {
        Seat<String> seat = scheduler.started(name);
        scheduler.hello(seat);
        return seat;
    }

    /** Chunks queued in this order, by their first input. */
    private static List<ChunkJob> queue(Scheduler<String> scheduler, int... firsts) {
        List<ChunkJob> jobs = new java.util.ArrayList<>();
        for (int first : firsts) {
            ChunkJob job = chunk(first);
            scheduler.enqueue(job);
            jobs.add(job);
        }
        return jobs;
    }

    /** Which chunk (by first input) each worker got, in the order decided. */
    private static List<String> sent(Scheduler.Dispatch<String> dispatch) {
        return dispatch.sends().stream().map(send -> send.seat().worker + ":" + send.job().first).toList();
    }

    @Test
    void aWorkerTakesNothingBeforeItsHello() {
        Scheduler<String> scheduler = scheduler(1, 0, 0);
        Seat<String> w0 = scheduler.started("w0");
        scheduler.enqueue(chunk(0));
        assertEquals(List.of(), sent(scheduler.dispatch(false)));
        assertTrue(scheduler.hello(w0), "the only worker is up: the pool is ready");
        assertEquals(List.of("w0:0"), sent(scheduler.dispatch(false)));
    }

    @Test
    void oneChunkToEveryIdleWorkerFirstThenOneSentAheadEach() {
        Scheduler<String> scheduler = scheduler(2, 0, 0);
        Seat<String> w0 = scheduler.started("w0");
        Seat<String> w1 = scheduler.started("w1");
        assertFalse(scheduler.hello(w0));
        assertTrue(scheduler.hello(w1));
        queue(scheduler, 0, 1, 2, 3, 4);
        assertEquals(List.of("w0:0", "w1:1", "w0:2", "w1:3"), sent(scheduler.dispatch(false)));
        assertTrue(scheduler.hasQueued(), "no worker holds more than two");
        assertEquals(List.of(), sent(scheduler.dispatch(false)));
    }

    @Test
    void noChunkIsSentAheadWhileAWorkerStillStartingCouldTakeIt() {
        Scheduler<String> scheduler = scheduler(2, 0, 0);
        Seat<String> w0 = scheduler.started("w0");
        scheduler.started("w1"); // not up yet
        scheduler.hello(w0);
        scheduler.enqueue(chunk(0));
        scheduler.enqueue(chunk(1));
        assertEquals(List.of("w0:0"), sent(scheduler.dispatch(false)), "chunk 1 waits for w1, not behind chunk 0");
        scheduler.enqueue(chunk(2));
        assertEquals(List.of("w0:1"), sent(scheduler.dispatch(false)), "more chunks than workers starting: one goes ahead");
    }

    @Test
    void theFirstIdleWorkerTakesASingleCall() {
        Scheduler<String> scheduler = scheduler(2, 0, 0);
        Seat<String> w0 = scheduler.started("w0");
        Seat<String> w1 = scheduler.started("w1");
        scheduler.hello(w0);
        scheduler.hello(w1);
        for (int call = 0; call < 3; call++) {
            ChunkJob job = chunk(0);
            scheduler.enqueue(job);
            assertEquals(List.of("w0:0"), sent(scheduler.dispatch(false)), "the same, hot worker every time");
            assertFalse(scheduler.answered(w0, job, false));
        }
    }

    @Test
    void aChunkWhoseWorkerDiedIsRetriedFirstUntilItsTriesRunOut() {
        Scheduler<String> scheduler = scheduler(1, 1, 0);
        Seat<String> w0 = up(scheduler, "w0");
        ChunkJob job = chunk(0);
        scheduler.enqueue(job);
        scheduler.dispatch(false);
        assertEquals(AfterDeath.RETRIED, scheduler.died(w0, job, false));
        assertEquals(1, job.attempts);
        assertEquals(AfterEnd.REPLACE, scheduler.ended(w0, true, true, true));
        scheduler.enqueue(chunk(1));
        Seat<String> w1 = up(scheduler, "w1");
        assertEquals(List.of("w1:0", "w1:1"), sent(scheduler.dispatch(false)), "the retried chunk goes first");
        assertEquals(AfterDeath.FAILED, scheduler.died(w1, job, false), "one retry, then the death is the chunk's");
        assertEquals(2, job.attempts);
    }

    @Test
    void aChunkSentAheadToAWorkerThatDiedIsNotChargedATry() {
        Scheduler<String> scheduler = scheduler(1, 0, 0);
        Seat<String> w0 = up(scheduler, "w0");
        List<ChunkJob> jobs = queue(scheduler, 0, 1, 2);
        ChunkJob running = jobs.get(0);
        ChunkJob ahead = jobs.get(1);
        assertEquals(List.of("w0:0", "w0:1"), sent(scheduler.dispatch(false)));
        assertEquals(AfterDeath.FAILED, scheduler.died(w0, running, false), "no retries: the running chunk fails");
        assertEquals(AfterDeath.REQUEUED, scheduler.died(w0, ahead, false),
                "first once the running one is taken off, but it never ran: queued again, not retried");
        assertEquals(0, ahead.attempts);
    }

    @Test
    void aCancelledChunkIsDroppedFromTheQueueOrFailsWhenItsWorkerIsEnded() {
        Scheduler<String> scheduler = scheduler(1, 2, 0);
        Seat<String> w0 = up(scheduler, "w0");
        List<ChunkJob> jobs = queue(scheduler, 0, 1, 2);
        ChunkJob running = jobs.get(0);
        ChunkJob ahead = jobs.get(1);
        ChunkJob queued = jobs.get(2);
        scheduler.dispatch(false);

        Scheduler.Cancel<String> dropped = scheduler.cancel(queued.result, true);
        assertSame(queued, dropped.job());
        assertNull(dropped.toEnd(), "a queued chunk costs no worker");
        assertFalse(scheduler.hasQueued());

        Scheduler.Cancel<String> ended = scheduler.cancel(running.result, true);
        assertSame(w0, ended.toEnd(), "a running chunk's worker is ended");
        assertEquals(AfterDeath.CANCELLED, scheduler.died(w0, running, false));
        assertEquals(AfterDeath.REQUEUED, scheduler.died(w0, ahead, false), "the chunk sent ahead runs elsewhere");
        assertEquals(0, ahead.attempts, "and it is not charged a try");
    }

    @Test
    void aCancelWithoutInterruptLetsARunningChunkRun() {
        Scheduler<String> scheduler = scheduler(1, 0, 0);
        Seat<String> w0 = up(scheduler, "w0");
        ChunkJob running = chunk(0);
        scheduler.enqueue(running);
        scheduler.dispatch(false);
        Scheduler.Cancel<String> cancel = scheduler.cancel(running.result, false);
        assertNull(cancel.toEnd());
        assertTrue(running.cancelled);
    }

    @Test
    void aWorkerIsRecycledAfterItsChunksAndTakesNoMoreThanItMayAnswer() {
        Scheduler<String> scheduler = scheduler(1, 0, 2);
        Seat<String> w0 = up(scheduler, "w0");
        List<ChunkJob> jobs = queue(scheduler, 0, 1, 2);
        ChunkJob a = jobs.get(0);
        ChunkJob b = jobs.get(1);
        assertEquals(List.of("w0:0", "w0:1"), sent(scheduler.dispatch(false)));
        assertFalse(scheduler.answered(w0, a, false));
        assertEquals(List.of(), sent(scheduler.dispatch(false)), "its second chunk is its last");
        assertTrue(scheduler.answered(w0, b, false), "recycled");
        assertTrue(w0.leaving);
        assertTrue(scheduler.wantsReplacement(true));
        assertEquals(AfterEnd.NOTHING, scheduler.ended(w0, false, false, true), "a worker that left is not a death");
    }

    @Test
    void aTimeoutEndsOnlyTheChunkStillRunning() {
        Scheduler<String> scheduler = scheduler(1, 0, 0);
        Seat<String> w0 = up(scheduler, "w0");
        ChunkJob job = chunk(0);
        scheduler.enqueue(job);
        scheduler.dispatch(false);
        assertFalse(scheduler.timedOut(w0, job, true), "not once the pool is terminated");
        assertTrue(scheduler.timedOut(w0, job, false));
        assertTrue(job.timedOut);
        ChunkJob answered = chunk(1);
        scheduler.enqueue(answered);
        scheduler.answered(w0, job, false);
        scheduler.dispatch(false);
        scheduler.answered(w0, answered, false);
        assertFalse(scheduler.timedOut(w0, answered, false), "it was answered in time");
    }

    @Test
    void aJvmThatExitsByItselfBeforeItsHelloFailsTheStartAtOnce() {
        Scheduler<String> scheduler = scheduler(2, 5, 0);
        Seat<String> w0 = scheduler.started("w0");
        assertEquals(AfterEnd.FAIL_START, scheduler.ended(w0, true, false, true), "exit code 1: the same every time");
    }

    @Test
    void workersKilledBeforeTheirHelloAreReplacedUntilTheRetriesRunOutInARow() {
        Scheduler<String> scheduler = scheduler(1, 1, 0);
        assertEquals(AfterEnd.REPLACE_START, scheduler.ended(scheduler.started("w0"), true, true, true));
        assertEquals(AfterEnd.FAIL_START, scheduler.ended(scheduler.started("w1"), true, true, true));
        assertEquals(2, scheduler.deathsBeforeHello());

        Scheduler<String> recovers = scheduler(2, 1, 0);
        assertEquals(AfterEnd.REPLACE_START, recovers.ended(recovers.started("w0"), true, true, true));
        recovers.hello(recovers.started("w1"));
        assertEquals(0, recovers.deathsBeforeHello(), "a hello between deaths: they are not in a row");
        assertEquals(AfterEnd.REPLACE_START, recovers.ended(recovers.started("w2"), true, true, true));
    }

    @Test
    void aClosedPoolLetsItsIdleWorkersGoOnceNothingIsQueued() {
        Scheduler<String> scheduler = scheduler(2, 0, 0);
        Seat<String> w0 = scheduler.started("w0");
        Seat<String> w1 = scheduler.started("w1");
        scheduler.hello(w0);
        scheduler.hello(w1);
        ChunkJob job = chunk(0);
        scheduler.enqueue(job);
        Scheduler.Dispatch<String> first = scheduler.dispatch(true);
        assertEquals(List.of("w0:0"), sent(first));
        assertEquals(List.of(w1), first.leaving(), "w1 has nothing to do");
        scheduler.answered(w0, job, false);
        assertEquals(List.of(w0), scheduler.dispatch(true).leaving());
        assertEquals(List.of(), scheduler.dispatch(true).leaving(), "each is let go once");
        assertFalse(scheduler.wantsReplacement(false));
    }

    @Test
    void aDeadWorkerHoldingChunksIsReplacedEvenWhenThePoolIsClosing() {
        Scheduler<String> scheduler = scheduler(1, 1, 0);
        Seat<String> w0 = up(scheduler, "w0");
        scheduler.enqueue(chunk(0));
        scheduler.dispatch(true);
        assertEquals(AfterEnd.REPLACE, scheduler.ended(w0, true, true, false), "its chunk may come back for a retry");
        assertEquals(List.of(), scheduler.seats());
    }

    @Test
    void terminatingDrainsEveryChunkNotAnswered() {
        Scheduler<String> scheduler = scheduler(1, 3, 0);
        Seat<String> w0 = up(scheduler, "w0");
        ChunkJob running = queue(scheduler, 0, 1, 2).get(0);
        scheduler.dispatch(false);
        assertEquals(3, scheduler.drain().size());
        assertFalse(scheduler.hasQueued());
        assertEquals(AfterDeath.FAILED, scheduler.died(w0, running, true), "no retry once the pool is terminated");
    }
}

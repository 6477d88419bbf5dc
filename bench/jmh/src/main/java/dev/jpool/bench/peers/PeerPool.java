package dev.jpool.bench.peers;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One started pool of 2 workers, as {@link JvmPeer} measures it: each Java peer's adapter says how
 * its library does each step, with the library's default JVM options. The adapter's constructor
 * starts the pool.
 */
interface PeerPool {
    /** The round trip of one tiny task: a worker returns {@code x}. */
    long apply(long x) throws Exception;

    /**
     * Tiny tasks returning their inputs, results in input order: the library's map where it has one,
     * else one submission each and a wait for each, counting the answers in {@code answered} (a map
     * cannot say how far it got).
     */
    List<Long> map(List<Long> inputs, AtomicInteger answered) throws Exception;

    /** {@link PeerTasks#hashSum} of each seed, one task each, all at once; the sums in seed order. */
    List<Long> hashSums(List<Long> seeds, int iterations) throws Exception;

    /**
     * Starts the fault batch and returns at once: one {@link PeerTasks#sleep} task per input. One
     * future of the whole list where the library has a map, else one future per task.
     */
    List<Future<?>> startSleepers(List<Long> inputs);

    /** The worker JVMs' pids now. By default the live children of this JVM: one pool is open at a time. */
    default List<Long> workerPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    /** Whether the workers are processes (a worker can be killed); a thread pool's are not. */
    default boolean processes() {
        return true;
    }

    /** Ends the pool and its workers, however its work stands. */
    void close() throws Exception;
}

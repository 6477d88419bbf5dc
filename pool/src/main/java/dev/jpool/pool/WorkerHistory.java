package dev.jpool.pool;

import java.util.List;

/**
 * What one worker JVM of a {@link ProcessPool} did, on the launcher's {@link System#nanoTime()}
 * clock: when it was spawned, said hello, ran each chunk, and exited. Worker-side times are
 * converted to the launcher's clock (on one Linux host both read the same monotonic clock).
 *
 * @param index       the worker's number in the pool (replacements get new numbers)
 * @param pid         its process id
 * @param node        where it ran: SLURM node, else host name; null if it never said hello
 * @param slurmStep   its SLURM job step, or null
 * @param spawnNanos  just before the process was spawned
 * @param helloNanos  when its hello arrived, or null if it never said hello
 * @param chunks      each chunk it answered, in order
 * @param exitNanos   when the process was seen to exit, or null if still running
 * @param peakRssKib  its peak resident set size from its bye (Linux), else null
 * @param death       why it ended if it did not end cleanly, else null
 */
public record WorkerHistory(int index, long pid, String node, String slurmStep, long spawnNanos, Long helloNanos,
                            List<ChunkTiming> chunks, Long exitNanos, Long peakRssKib, String death) {
    public WorkerHistory {
        chunks = List.copyOf(chunks);
    }

    /**
     * One chunk's trip through a worker.
     *
     * @param firstInput    the position of the chunk's first input in the call that submitted it
     * @param inputs        inputs in the chunk
     * @param sentNanos     the launcher wrote the task line
     * @param receivedNanos the worker had read it
     * @param computeNanos  the task ran this long
     * @param answeredNanos the worker wrote its answer
     * @param arrivedNanos  the launcher had read the answer
     */
    public record ChunkTiming(int firstInput, int inputs, long sentNanos, long receivedNanos, long computeNanos, long answeredNanos,
                              long arrivedNanos) {
    }
}

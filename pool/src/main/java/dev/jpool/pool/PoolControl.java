package dev.jpool.pool;

/** What the parts of a {@link ProcessPool} ({@link WorkerStarts}, {@link ChunkRuns}) need of the pool itself. */
interface PoolControl {
    /** Whether the pool still takes work; called under the pool's lock. */
    boolean running();

    /** Whether the pool was terminated; called under the pool's lock. */
    boolean terminated();

    /** As many workers as the pool has have said hello. */
    void allUp();

    /** Hands queued chunks to idle workers (and lets idle ones go once the pool is closed and drained). */
    void dispatch();

    /** A worker never got going, and another would fail the same way: the pool breaks, saying why. */
    void failStart(PoolException why);
}

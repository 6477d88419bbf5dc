package dev.jpool.pool;

/**
 * Hears how far each running chunk has got, as its task reports through
 * {@link dev.jpool.task.TaskProgress}. Called from a worker's reader thread (ProcessPool) or a
 * pool thread (ThreadPool): keep it quick.
 */
@FunctionalInterface
public interface ChunkProgress {
    /** The chunk whose first input is {@code firstInput} has done {@code done} of {@code total} (task's units). */
    void progress(int firstInput, long done, long total);
}

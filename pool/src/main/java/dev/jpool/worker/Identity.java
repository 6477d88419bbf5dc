package dev.jpool.worker;

import dev.jpool.task.Task;

/**
 * Returns its input: a task that costs nothing. The class-data archive is trained on it (so the
 * archive holds what every worker loads, and nothing of one task's), and benchmarks use it to
 * measure the pool alone. Internal: may change without notice.
 */
public final class Identity implements Task<Long, Long> {
    @Override
    public Long apply(Long x) {
        return x;
    }
}

package dev.jpool.launcher.bench;

import dev.jpool.task.Task;

/** Returns its input: a task that costs nothing, so a benchmark measures the pool alone. */
public final class Identity implements Task<Long, Long> {
    @Override
    public Long apply(Long x) {
        return x;
    }
}

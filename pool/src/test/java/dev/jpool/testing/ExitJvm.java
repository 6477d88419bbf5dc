package dev.jpool.testing;

import dev.jpool.task.Task;

/** Calls System.exit with its input: the worst thing a task can do to its JVM. */
public final class ExitJvm implements Task<Integer, Integer> {
    @Override
    public Integer apply(Integer status) {
        System.exit(status);
        return status;
    }
}

package dev.jpool.testing;

import dev.jpool.task.Task;

/** Throws for negative inputs, echoes the others. */
public final class FailingTask implements Task<Integer, Integer> {
    @Override
    public Integer apply(Integer input) {
        if (input < 0) {
            throw new IllegalArgumentException("negative input " + input);
        }
        return input;
    }
}

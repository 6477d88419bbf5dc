package dev.jpool.testing;

import dev.jpool.task.Task;
import dev.jpool.task.TaskProgress;

/** Takes {@code input} steps of 250 ms each, reporting its progress after each; returns the steps taken. */
public final class Steps implements Task<Integer, Integer> {
    @Override
    public Integer apply(Integer steps) throws InterruptedException {
        for (int i = 1; i <= steps; i++) {
            Thread.sleep(250);
            TaskProgress.report(i, steps);
        }
        return steps;
    }
}

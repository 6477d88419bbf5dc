package dev.jpool.testing;

import dev.jpool.task.Task;

/** Works for {@code input} milliseconds (the workload itself), then returns its input. */
public final class SleepThenEcho implements Task<Integer, Integer> {
    @Override
    public Integer apply(Integer millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }
}

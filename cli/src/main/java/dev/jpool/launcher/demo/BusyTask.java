package dev.jpool.launcher.demo;

import dev.jpool.task.Task;

/** Squares its input after working for a time that shrinks as the input grows: results finish out of order. */
public final class BusyTask implements Task<Long, Computed> {
    @Override
    public Computed apply(Long x) throws InterruptedException {
        Thread.sleep(Math.max(0, 220 - 20 * x));
        return Computed.here(x * x);
    }
}

package dev.jpool.launcher.demo;

import dev.jpool.task.Task;

/** The tutorial's {@code f(x): return x*x}. */
public final class SquareTask implements Task<Long, Computed> {
    @Override
    public Computed apply(Long x) {
        return Computed.here(x * x);
    }
}

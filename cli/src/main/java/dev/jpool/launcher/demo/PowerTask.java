package dev.jpool.launcher.demo;

import dev.jpool.task.Task;

/** The tutorial's {@code f(x, y): return x**y}, its two arguments as a record for starmap. */
public final class PowerTask implements Task<PowerTask.Args, Computed> {
    /** The arguments of one call. */
    public record Args(long x, long y) {
    }

    @Override
    public Computed apply(Args args) {
        long result = 1;
        for (long i = 0; i < args.y(); i++) {
            result = Math.multiplyExact(result, args.x());
        }
        return Computed.here(result);
    }
}

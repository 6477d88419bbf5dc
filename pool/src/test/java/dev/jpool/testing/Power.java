package dev.jpool.testing;

import dev.jpool.task.Task;

/** x to the power y, for starmap. */
public final class Power implements Task<Power.Args, Long> {
    /** The two arguments of one call. */
    public record Args(long x, long y) {
    }

    @Override
    public Long apply(Args args) {
        long result = 1;
        for (long i = 0; i < args.y(); i++) {
            result *= args.x();
        }
        return result;
    }
}

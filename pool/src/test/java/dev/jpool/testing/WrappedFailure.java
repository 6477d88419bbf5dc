package dev.jpool.testing;

import dev.jpool.task.Task;
import java.io.UncheckedIOException;

/** Fails every input with an exception that has a cause, thrown one call deeper than apply. */
public final class WrappedFailure implements Task<Integer, Integer> {
    @Override
    public Integer apply(Integer input) {
        try {
            return parse(input);
        } catch (NumberFormatException e) {
            throw new UncheckedIOException("could not read input " + input, new java.io.IOException("bad record", e));
        }
    }

    private static int parse(int input) {
        return Integer.parseInt("x" + input);
    }
}

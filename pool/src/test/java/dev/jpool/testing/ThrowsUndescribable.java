package dev.jpool.testing;

import dev.jpool.task.Task;

/**
 * Throws, for input 0, an exception that cannot be described: its {@code getMessage()},
 * {@code toString()} and {@code getCause()} throw in turn. Squares the other inputs.
 */
public final class ThrowsUndescribable implements Task<Integer, Integer> {
    /** Every way of describing it throws. */
    public static final class Undescribable extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() throws");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString() throws");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause() throws");
        }
    }

    @Override
    public Integer apply(Integer input) {
        if (input == 0) {
            throw new Undescribable();
        }
        return input * input;
    }
}

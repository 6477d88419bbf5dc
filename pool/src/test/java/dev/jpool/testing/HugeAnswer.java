package dev.jpool.testing;

import dev.jpool.task.Task;

/**
 * An answer too big to send: for "message" an exception with a 20 MiB message, for "result" a
 * 40 MB string; any other input comes back as it is.
 */
public final class HugeAnswer implements Task<String, String> {
    @Override
    public String apply(String input) {
        if (input.equals("message")) {
            throw new IllegalStateException("x".repeat(20 << 20));
        }
        if (input.equals("result")) {
            return "y".repeat(40_000_000);
        }
        return input;
    }
}

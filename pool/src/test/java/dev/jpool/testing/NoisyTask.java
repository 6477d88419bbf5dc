package dev.jpool.testing;

import dev.jpool.task.Task;

/** Prints to System.out (which must not reach the protocol channel) and returns its input doubled. */
public final class NoisyTask implements Task<Long, Long> {
    @Override
    public Long apply(Long input) {
        System.out.println("noisy task printing " + input + " on System.out");
        System.out.print("{\"type\":\"result\",\"v\":1,\"id\":1,\"output\":666}\n");
        System.out.flush();
        return input * 2;
    }
}

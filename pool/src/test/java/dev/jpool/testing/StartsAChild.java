package dev.jpool.testing;

import dev.jpool.task.Task;
import java.io.IOException;

/**
 * Starts {@code sleep 1000}, then waits {@code input} milliseconds, and returns the child's pid: a
 * task whose child process must not outlive its worker, or its launcher in thread mode.
 */
public final class StartsAChild implements Task<Integer, Long> {
    @Override
    public Long apply(Integer input) throws IOException, InterruptedException {
        long pid = new ProcessBuilder("sleep", "1000").start().pid();
        Thread.sleep(input);
        return pid;
    }
}

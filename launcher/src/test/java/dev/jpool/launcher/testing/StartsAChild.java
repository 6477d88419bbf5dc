package dev.jpool.launcher.testing;

import dev.jpool.task.Task;
import java.io.IOException;

/** Starts {@code sleep 1000} and returns its pid: a task whose child process must not outlive its worker. */
public final class StartsAChild implements Task<Integer, Long> {
    @Override
    public Long apply(Integer input) throws IOException {
        return new ProcessBuilder("sleep", "1000").start().pid();
    }
}

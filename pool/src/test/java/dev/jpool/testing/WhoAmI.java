package dev.jpool.testing;

import dev.jpool.task.Task;

/** Where it ran: this process's pid. */
public final class WhoAmI implements Task<Integer, Long> {
    @Override
    public Long apply(Integer ignored) {
        return ProcessHandle.current().pid();
    }
}

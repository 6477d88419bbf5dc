package dev.jpool.testing;

import dev.jpool.task.Task;
import java.util.Random;

/** Whether the input is at least the limit, 4 unless the caller says otherwise: a task with state. */
public final class Threshold implements Task<Integer, Boolean> {
    private final int limit;
    /** Made anew by every instance: not state the caller set. */
    private final Random random = new Random();
    private transient int calls;

    public Threshold() {
        this(4);
    }

    public Threshold(int limit) {
        this.limit = limit;
    }

    @Override
    public Boolean apply(Integer x) {
        calls++;
        return x >= limit + random.nextInt(1);
    }
}

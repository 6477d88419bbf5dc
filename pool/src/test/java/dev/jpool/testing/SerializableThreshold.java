package dev.jpool.testing;

import dev.jpool.task.SerializableTask;

/** {@link Threshold} whose state travels: it is serializable. */
public final class SerializableThreshold implements SerializableTask<Integer, Boolean> {
    private static final long serialVersionUID = 1L;
    private final int limit;

    public SerializableThreshold() {
        this(4);
    }

    public SerializableThreshold(int limit) {
        this.limit = limit;
    }

    @Override
    public Boolean apply(Integer x) {
        return x >= limit;
    }
}

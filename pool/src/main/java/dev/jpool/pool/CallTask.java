package dev.jpool.pool;

import dev.jpool.task.SerializableTask;
import java.util.concurrent.Callable;

/**
 * A callable of the executor view as a task of one (ignored) input: it travels serialized, the
 * callable inside it with what it captures, and runs {@code call()} in the worker.
 */
final class CallTask<T> implements SerializableTask<Integer, T> {
    private static final long serialVersionUID = 1L;

    private final Callable<T> callable;

    CallTask(Callable<T> callable) {
        this.callable = callable;
    }

    Callable<T> callable() {
        return callable;
    }

    @Override
    public T apply(Integer ignored) throws Exception {
        return callable.call();
    }
}

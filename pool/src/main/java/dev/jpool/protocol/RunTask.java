package dev.jpool.protocol;

/**
 * Launcher to worker: run one task on a batch of inputs, in order (a batch of one for a single
 * call; more when a pool's chunksize groups inputs into one message).
 *
 * @param v      protocol version
 * @param id     the launcher's id for this batch; echoed in the answer
 * @param task   fully qualified name of a {@code dev.jpool.task.Task} class on the worker's classpath
 * @param inputs a JSON array of the inputs, at least one
 */
public record RunTask(int v, long id, String task, RawJson inputs) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "run";
}

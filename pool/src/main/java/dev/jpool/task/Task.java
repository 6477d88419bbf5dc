package dev.jpool.task;

/**
 * A unit of work a worker runs: a function from an input to an output, both of which Jackson can
 * turn into JSON and back.
 *
 * <p>A worker JVM finds a task by its class name, so a task is a public top-level (or static
 * nested) class with a public no-argument constructor, on the worker's classpath, whose state is
 * that of a fresh instance. A plain lambda is not a task a worker JVM can load; a lambda cast to
 * {@link SerializableTask} is, sent serialized with what it captures.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface Task<I, O> {
    /** Computes the output for one input. An exception reaches the caller with its stack trace. */
    O apply(I input) throws Exception;
}

package dev.jpool.task;

import java.io.Serializable;

/**
 * A {@link Task} that travels to a worker JVM as a serialized object, its state with it: a
 * lambda or method reference cast to this type, with the values it captures, or an object whose
 * fields the caller set. Inputs and outputs still travel as JSON.
 *
 * <pre>{@code
 * long offset = 10;
 * List<Long> shifted = pool.map((SerializableTask<Long, Long>) x -> x + offset, inputs);
 * }</pre>
 *
 * <p>What the task captures must be {@link Serializable}; a pool refuses one that is not, naming
 * the captured type, before anything is sent. The class that wrote the lambda must be on the
 * worker classpath.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface SerializableTask<I, O> extends Task<I, O>, Serializable {
}

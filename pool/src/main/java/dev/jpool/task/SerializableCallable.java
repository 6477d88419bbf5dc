package dev.jpool.task;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can travel to a worker JVM: what a pool's
 * {@code asExecutorService()} runs there. A lambda cast to this type carries what it captures;
 * its result comes back as JSON.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {
}

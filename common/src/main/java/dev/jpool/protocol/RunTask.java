package dev.jpool.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Launcher to worker: run one task on a batch of inputs, in order (a batch of one for a single
 * call; more when a pool's chunksize groups inputs into one message).
 *
 * @param v      protocol version
 * @param id     the launcher's id for this batch; echoed in the answer
 * @param task   fully qualified name of a {@code dev.jpool.task.Task} class on the worker's classpath
 * @param inputs the inputs as JSON, at least one
 */
public record RunTask(int v, long id, String task, List<JsonNode> inputs) implements Message {
    public RunTask {
        inputs = List.copyOf(inputs);
    }
}

package dev.jpool.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Launcher to worker: run one task on one input.
 *
 * @param v     protocol version
 * @param id    the launcher's id for this task; echoed in the answer
 * @param task  fully qualified name of a {@code dev.jpool.task.Task} class on the worker's classpath
 * @param input the task's input as JSON
 */
public record RunTask(int v, long id, String task, JsonNode input) implements Message {
}

package dev.jpool.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Worker to launcher: a task's output. Times are the worker's {@link System#nanoTime()}.
 *
 * @param v             protocol version
 * @param id            the id of the {@link RunTask} this answers
 * @param output        the task's output as JSON
 * @param receivedNanos when the worker had read the task's line
 * @param computeNanos  how long the task itself ran
 * @param sentNanos     when the worker wrote this line
 */
public record TaskResult(int v, long id, JsonNode output, long receivedNanos, long computeNanos,
                         long sentNanos) implements Message {
}

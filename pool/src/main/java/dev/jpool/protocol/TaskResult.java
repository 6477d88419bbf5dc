package dev.jpool.protocol;

/**
 * Worker to launcher: the outputs of a {@link RunTask}, one per input, in input order. Times are
 * the worker's {@link System#nanoTime()}.
 *
 * @param v             protocol version
 * @param id            the id of the {@link RunTask} this answers
 * @param outputs       a JSON array of the task's outputs
 * @param receivedNanos when the worker had read the task's line
 * @param computeNanos  how long the task itself ran, over all inputs
 * @param sentNanos     when the worker wrote this line
 */
public record TaskResult(int v, long id, RawJson outputs, long receivedNanos, long computeNanos,
                         long sentNanos) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "result";
}

package dev.jpool.protocol;

/**
 * Worker to launcher: a task threw, or could not be run. A batch fails as a whole, as a chunk
 * does in Python's pools; {@code index} says which of its inputs failed.
 *
 * @param v          protocol version
 * @param id         the id of the {@link RunTask} this answers
 * @param index      the position of the failing input in the batch, or -1 when the task could not
 *                   be loaded at all
 * @param error      the exception's class name
 * @param message    the exception's message (may be null)
 * @param stackTrace the worker-side stack trace as text
 */
public record TaskFailure(int v, long id, int index, String error, String message, String stackTrace)
        implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "failure";
}

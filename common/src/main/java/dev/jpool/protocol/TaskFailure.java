package dev.jpool.protocol;

/**
 * Worker to launcher: a task threw, or could not be run.
 *
 * @param v          protocol version
 * @param id         the id of the {@link RunTask} this answers
 * @param error      the exception's class name
 * @param message    the exception's message (may be null)
 * @param stackTrace the worker-side stack trace as text
 */
public record TaskFailure(int v, long id, String error, String message, String stackTrace)
        implements Message {
}

package dev.jpool.protocol;

/**
 * Worker to launcher: the worker's task thread has taken a {@link RunTask} and starts it now
 * (loads the task's class, reads its inputs, runs it). Written once per task, before any of its
 * {@link Progress} lines and its answer. What came before (the JVM's start, the worker's own
 * set-up, the line waiting in the pipe or behind the task before it) is not the task's time: a
 * task timeout is counted from this line.
 *
 * @param v            protocol version
 * @param id           the id of the {@link RunTask} that starts
 * @param startedNanos the worker's {@link System#nanoTime()} when it started the task
 */
public record TaskStarted(int v, long id, long startedNanos) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "started";
}

package dev.jpool.protocol;

/**
 * Worker to launcher: how far a running task has got. Sent while the task runs, at most every
 * ~1e8 samples and a few times a second, so it costs nothing measurable; purely informative.
 *
 * @param v     protocol version
 * @param id    the id of the {@link RunTask} that is running
 * @param done  units of work done so far (samples, for pi), never decreasing for one task
 * @param total units of work the task has in all
 */
public record Progress(int v, long id, long done, long total) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "progress";
}

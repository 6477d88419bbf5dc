package dev.jpool.protocol;

/**
 * Worker to launcher: the last line before the worker JVM exits.
 *
 * @param v          protocol version
 * @param tasksRun   how many tasks this worker ran
 * @param peakRssKib the worker's peak resident set size (Linux {@code VmHWM}), null where unknown
 */
public record Bye(int v, long tasksRun, Long peakRssKib) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "bye";
}
